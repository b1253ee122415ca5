namespace Engine.Runtime.Signing;

/// <summary>
/// The v3 API key and STARK key of one account. Only the signer actor holds an instance. Not a record on purpose:
/// nothing (ToString, equality, a debugger display, a log line) may print the secrets.
/// </summary>
public sealed class DydxCredentials(string apiKey, string apiSecret, string passphrase, string starkPrivateKey, int accountNumber)
{
    /// <summary>The API key id; sent in every private request's DYDX-API-KEY header, so not a secret.</summary>
    public string ApiKey { get; } = apiKey;

    internal string ApiSecret { get; } = apiSecret;
    internal string Passphrase { get; } = passphrase;
    internal string StarkPrivateKey { get; } = starkPrivateKey;

    public int AccountNumber { get; } = accountNumber;

    public override string ToString() => $"DydxCredentials(apiKey {ApiKey}, account {AccountNumber}, secrets ***)";
}
