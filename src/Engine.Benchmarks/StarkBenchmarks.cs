using BenchmarkDotNet.Attributes;
using Engine.Stark.Cli;
using Engine.Stark.Keys;
using Engine.Stark.Numerics;
using Engine.Stark.Orders;
using Engine.Stark.Pedersen;
using Engine.Stark.Signing;

namespace Engine.Benchmarks;

/// <summary>
/// STARK signing cost per operation. An order signature is the complete path a quote pays: exact quantisation,
/// the order's Pedersen hashes (the asset half cached per market and side, as in production), the elliptic-rule
/// nonce and the ECDSA signature. Orders cycle through distinct clientIds so every call hashes and signs a new
/// message. Throughput on one core = 10^9 / (ns per op). The JS reference (starkex-lib) does ~38 orders/s.
/// </summary>
[MemoryDiagnoser]
public class StarkBenchmarks
{
    private const int Distinct = 1024;

    private readonly StarkOrder[] _orders = new StarkOrder[Distinct];
    private readonly UInt256[] _hashes = new UInt256[Distinct];
    private readonly StarkSignature[] _signatures = new StarkSignature[Distinct];
    private readonly string[] _lines = new string[Distinct];
    private StarkPrivateKey _key = null!;
    private StarkPublicKey _publicKey = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _key = StarkPrivateKey.ParseHex("58c7d5a90b1776bde86ebac077e053ed85b0f7164f53b080304a531947f46e3");
        _publicKey = StarkPublicKey.ParseHex(_key.PublicKey.ToHex()); // x only, as a verifier receives it
        _publicKey.Prepare();
        var random = new Random(11);
        for (int i = 0; i < Distinct; i++)
        {
            var side = i % 2 == 0 ? StarkOrderSide.Buy : StarkOrderSide.Sell;
            var size = ExactDecimal.Create(random.Next(10, 50_000), 4);                 // 0.001 .. 5 BTC, step 0.0001
            var price = ExactDecimal.Create(29_000 + random.Next(0, 2_000), 0);          // tick 1
            _orders[i] = new StarkOrder(1, 12345, "BTC-USD", side, size, price, 0.0005m, $"mm-{i:D6}",
                new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.Zero).AddSeconds(i));
            _hashes[i] = StarkOrderSigner.Default.Hash(_orders[i]);
            _signatures[i] = _key.Sign(_hashes[i]);
            _lines[i] = $$"""{"networkId":1,"starkPrivateKey":"58c7d5a90b1776bde86ebac077e053ed85b0f7164f53b080304a531947f46e3","positionId":"12345","market":"BTC-USD","side":"{{(side == StarkOrderSide.Buy ? "BUY" : "SELL")}}","size":"{{size}}","price":"{{price}}","limitFee":"0.0005","clientId":"mm-{{i:D6}}","expiration":"{{OrderExpiration.FormatIso(_orders[i].Expiration)}}"}""";
        }
    }

    private int Next() => _next = (_next + 1) & (Distinct - 1);

    [Benchmark(Description = "Pedersen H(a, b)")]
    public UInt256 PedersenHashOfTwoElements()
    {
        int i = Next();
        return PedersenHash.Hash(_hashes[i], _hashes[(i + 1) & (Distinct - 1)]);
    }

    [Benchmark(Description = "Order hash (quantize + Pedersen)")]
    public UInt256 OrderHash() => StarkOrderSigner.Default.Hash(_orders[Next()]);

    [Benchmark(Description = "ECDSA sign of a hash")]
    public StarkSignature SignHash() => _key.Sign(_hashes[Next()]);

    [Benchmark(Baseline = true, Description = "Order signature (quantize + hash + sign)")]
    public SignedStarkOrder SignOrder() => StarkOrderSigner.Default.Sign(_orders[Next()], _key);

    [Benchmark(Description = "Order signature from a JSON line")]
    public string SignOrderJsonLine() => SignOrderLines.SignLine(_lines[Next()]);

    [Benchmark(Description = "Verify (x-only key, first uses)")]
    public bool VerifyWithoutKeyTable()
    {
        int i = Next();
        return StarkEcdsa.Verify(_hashes[i], _signatures[i], _publicKey.Point);
    }

    [Benchmark(Description = "Verify (key with its window table)")]
    public bool VerifyWithKeyTable()
    {
        int i = Next();
        return _publicKey.Verify(_hashes[i], _signatures[i]);
    }
}
