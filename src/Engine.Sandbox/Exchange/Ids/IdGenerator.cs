using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Engine.Sandbox.Exchange.Ids;

/// <summary>
/// Deterministic ids from a seed and per-kind counters, shaped like v3's: order ids are 63 hex characters (a hash
/// whose leading digit is dropped, as v3's were), fill and position ids are UUIDs, transaction ids are decimal strings.
/// Same seed and same call sequence give the same ids on every run.
/// </summary>
internal sealed class IdGenerator(ulong seed)
{
    private const long FirstTransactionId = 10_000_000;

    private readonly Guid _namespace = Uuid5.Create(V3AccountIds.Namespace, $"engine-sandbox-seed-{seed}");
    private long _orders;
    private long _fills;
    private long _positions;
    private long _transactions = FirstTransactionId;

    public string NextOrderId()
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:order:{++_orders}"));
        return Convert.ToHexStringLower(hash)[1..];
    }

    public string NextFillId() => Uuid5.Create(_namespace, $"fill:{++_fills}").ToString("D");

    public string NextPositionId() => Uuid5.Create(_namespace, $"position:{++_positions}").ToString("D");

    public string NextTransactionId() => (++_transactions).ToString(CultureInfo.InvariantCulture);
}
