using System.Text;
using Engine.Stark.ApiKeys;
using Engine.Stark.Assets;
using Engine.Stark.Keys;
using Engine.Stark.Numerics;
using Engine.Stark.Orders;
using Engine.Stark.Pedersen;
using Engine.Stark.Signing;
using Xunit;

namespace Engine.Stark.Tests.Kat;

/// <summary>Every vector of kat.json, one test case each.</summary>
public sealed class KatTests
{
    public static TheoryData<int, string> Pedersen => KatFile.Cases("pedersen");
    public static TheoryData<int, string> PublicKey => KatFile.Cases("publicKey");
    public static TheoryData<int, string> SignHash => KatFile.Cases("signHash");
    public static TheoryData<int, string> Order => KatFile.Cases("order");
    public static TheoryData<int, string> OrderFields => KatFile.Cases("orderFields");
    public static TheoryData<int, string> NonceFromClientId => KatFile.Cases("nonceFromClientId");
    public static TheoryData<int, string> AssetIds => KatFile.Cases("assetIds");
    public static TheoryData<int, string> KeyPairFromData => KatFile.Cases("keyPairFromData");
    public static TheoryData<int, string> ApiHmac => KatFile.Cases("apiHmac");

    [Theory, MemberData(nameof(Pedersen))]
    public void Pedersen_hash(int index, string source)
    {
        var v = KatFile.Vector("pedersen", index);
        Func<string, UInt256> parse = source.Contains("decimal") ? UInt256.ParseDecimal : UInt256.ParseHex;
        var hash = PedersenHash.Hash(parse(v.Text("a")), parse(v.Text("b")));
        Assert.Equal(UInt256.ParseHex(v.Text("expected")), hash);
    }

    [Theory, MemberData(nameof(PublicKey))]
    public void Public_key_from_private_key(int index, string source)
    {
        _ = source;
        var v = KatFile.Vector("publicKey", index);
        var key = StarkPrivateKey.ParseHex(v.Text("privateKey")).PublicKey;
        Assert.Equal(UInt256.ParseHex(v.Text("publicKey")), key.X);
        if (v.TryGetProperty("publicKeyY", out var y)) Assert.Equal(UInt256.ParseHex(y.GetString()!), key.Y);
    }

    [Theory, MemberData(nameof(SignHash))]
    public void Sign_raw_hash(int index, string source)
    {
        _ = source;
        var v = KatFile.Vector("signHash", index);
        var key = StarkPrivateKey.ParseHex(v.Text("privateKey"));
        var hash = UInt256.ParseHex(v.Text("hash"));
        var signature = key.Sign(hash);
        Assert.Equal(new StarkSignature(UInt256.ParseHex(v.Text("r")), UInt256.ParseHex(v.Text("s"))), signature);
        Assert.True(key.PublicKey.Verify(hash, signature));
        if (v.TryGetProperty("publicKey", out var publicKey))
        {
            Assert.Equal(UInt256.ParseHex(publicKey.GetString()!), key.PublicKey.X);
            Assert.True(StarkPublicKey.ParseHex(publicKey.GetString()!).Verify(hash, signature));
        }
    }

    [Theory, MemberData(nameof(Order))]
    public void Order_signature(int index, string source)
    {
        _ = source;
        var v = KatFile.Vector("order", index);
        var input = v.GetProperty("input");
        var expected = v.GetProperty("expected");
        var key = StarkPrivateKey.ParseHex(input.Text("starkPrivateKey"));
        var signed = StarkOrderSigner.Default.Sign(KatOrders.FromInput(input), key);

        AssertQuantized(expected, signed.Quantized);
        Assert.Equal(expected.Text("r"), signed.Signature.R.ToHex());
        Assert.Equal(expected.Text("s"), signed.Signature.S.ToHex());
        Assert.Equal(expected.Text("signature"), signed.SignatureHex);
        Assert.True(key.PublicKey.Verify(signed.Hash, signed.Signature));
    }

    [Theory, MemberData(nameof(OrderFields))]
    public void Order_fields(int index, string source)
    {
        _ = source;
        var v = KatFile.Vector("orderFields", index);
        var quantized = StarkOrderSigner.Default.Quantize(KatOrders.FromInput(v.GetProperty("input")));
        AssertQuantized(v.GetProperty("expected"), quantized);
    }

    private static void AssertQuantized(System.Text.Json.JsonElement expected, QuantizedOrder quantized)
    {
        int checkedFields = 0;
        foreach (var field in expected.EnumerateObject())
        {
            string? actual = field.Name switch
            {
                "quantumsAmountSynthetic" => quantized.QuantumsSynthetic.ToString(),
                "quantumsAmountCollateral" => quantized.QuantumsCollateral.ToString(),
                "quantumsAmountFee" => quantized.QuantumsFee.ToString(),
                "expirationEpochHours" => quantized.ExpirationEpochHours.ToString(),
                _ => null,
            };
            if (actual is null) continue; // signature fields are checked by the caller
            Assert.Equal(field.Value.ToString(), actual);
            checkedFields++;
        }
        Assert.True(checkedFields > 0, "the vector names no quantised field");
    }

    [Theory, MemberData(nameof(NonceFromClientId))]
    public void Nonce_from_client_id(int index, string source)
    {
        _ = source;
        var v = KatFile.Vector("nonceFromClientId", index);
        Assert.Equal(uint.Parse(v.Text("nonce")), ClientIdNonce.From(v.Text("clientId")));
    }

    [Theory, MemberData(nameof(AssetIds))]
    public void Asset_ids(int index, string source)
    {
        _ = source;
        var v = KatFile.Vector("assetIds", index);
        var expected = UInt256.ParseHex(v.Text("assetId"));
        switch (v.Text("kind"))
        {
            case "collateral":
                Assert.Equal(expected, CollateralAssets.ForNetwork(v.GetProperty("networkId").GetInt32()).AssetId);
                break;
            case "synthetic":
                var asset = Assert.Single(MarketCatalog.Default.Assets, a => a.Asset == v.Text("asset"));
                Assert.Equal(expected, asset.AssetId);
                break;
            default:
                Assert.Fail($"unknown asset kind {v.Text("kind")}");
                break;
        }
    }

    [Theory, MemberData(nameof(KeyPairFromData))]
    public void Key_pair_from_data(int index, string source)
    {
        _ = source;
        var v = KatFile.Vector("keyPairFromData", index);
        var expected = v.GetProperty("expected");
        var key = StarkPrivateKey.FromData(Encoding.UTF8.GetBytes(v.Text("dataUtf8")));
        Assert.Equal(expected.Text("privateKey"), key.ExportHex());
        Assert.Equal(expected.Text("publicKey"), key.PublicKey.ToHex());
        Assert.Equal(expected.Text("publicKeyYCoordinate"), key.PublicKey.Y!.Value.ToHex());
    }

    [Theory, MemberData(nameof(ApiHmac))]
    public void Api_request_hmac(int index, string source)
    {
        _ = source;
        var v = KatFile.Vector("apiHmac", index);
        string expected = v.Text("expected");
        foreach (var alphabet in new[] { Base64Alphabet.Standard, Base64Alphabet.UrlSafe })
        {
            string signature = ApiRequestSigner.Sign(v.Text("secret"), v.Text("isoTimestamp"), v.Text("method"), v.Text("requestPath"), v.Text("body"), alphabet);
            Assert.Equal(expected, signature);
        }
        Assert.True(ApiSignatureVerifier.Verify(v.Text("secret"), v.Text("isoTimestamp"), v.Text("method"), v.Text("requestPath"), v.Text("body"), expected));
    }
}
