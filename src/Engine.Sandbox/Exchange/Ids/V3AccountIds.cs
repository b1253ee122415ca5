using System.Globalization;

namespace Engine.Sandbox.Exchange.Ids;

/// <summary>
/// The v3 client derivation of ids from an Ethereum address (api doc §1.2): userId = uuid5(NS, lower(address)),
/// accountId = uuid5(NS, userId + accountNumber). Using it means a real v3 client computes the same account id.
/// </summary>
public static class V3AccountIds
{
    public static readonly Guid Namespace = new("0f9da948-a6fb-4c45-9edc-4685c3f3317d");

    public static string UserId(string ethereumAddress) =>
        Uuid5.Create(Namespace, ethereumAddress.ToLowerInvariant()).ToString("D");

    public static string AccountId(string ethereumAddress, int accountNumber) =>
        Uuid5.Create(Namespace, UserId(ethereumAddress) + accountNumber.ToString(CultureInfo.InvariantCulture)).ToString("D");
}
