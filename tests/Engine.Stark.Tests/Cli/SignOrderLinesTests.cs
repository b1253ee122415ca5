using System.Text.Json;
using CsCheck;
using Engine.Stark.Cli;
using Xunit;

namespace Engine.Stark.Tests.Cli;

public sealed class SignOrderLinesTests
{
    private const string Key = "58c7d5a90b1776bde86ebac077e053ed85b0f7164f53b080304a531947f46e3";

    private static string Line(string clientId = "mm-000001", string size = "\"0.0123\"", string extra = "") =>
        $$"""{"networkId":1,"starkPrivateKey":"{{Key}}","positionId":"12345","market":"BTC-USD","side":"SELL","size":{{size}},"price":"43251.7","limitFee":"0.0005","clientId":"{{clientId}}","expiration":"2024-05-01T12:30:00.000Z"{{extra}}}""";

    private static JsonElement Parse(string output) => JsonDocument.Parse(output).RootElement;

    [Fact]
    public void Signs_the_spec_worked_example()
    {
        var output = SignOrderLines.SignLine(Line());
        Assert.Equal(
            """{"hash":"06f54b073a3e98dfb58cf0e24435c205183dc2b7b2676eafd5dc5925dd009139","signature":"0321f759cc223b7b799dd108357b21d82cd6fdc9ed940a2f1c6cd2ac74eca225056af1951f788af1c6d7f9b111c62989527fcd0fef1ee3f665d1628d9c5240db"}""",
            output);
    }

    [Fact]
    public void Numbers_may_be_json_numbers_and_other_body_fields_are_ignored()
    {
        var expected = SignOrderLines.SignLine(Line());
        Assert.Equal(expected, SignOrderLines.SignLine(Line(size: "0.0123", extra: ""","type":"LIMIT","postOnly":true,"timeInForce":"GTT","nested":{"a":[1,2]}""")));
        Assert.Equal(expected, SignOrderLines.SignLine(Line(size: "1.23e-2")));
    }

    [Theory]
    [InlineData("", "empty line")]
    [InlineData("not json", "invalid JSON")]
    [InlineData("[1,2]", "one JSON object")]
    [InlineData("""{"networkId":1}""", "missing fields starkPrivateKey, positionId, market, side, size, price, limitFee, clientId, expiration")]
    public void Malformed_lines_give_an_error_object(string line, string reason)
    {
        var error = Parse(SignOrderLines.SignLine(line)).GetProperty("error").GetString();
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("\"side\":\"SELL\"", "\"side\":\"HOLD\"", "side must be")]
    [InlineData("\"positionId\":\"12345\"", "\"positionId\":\"-1\"", "positionId must be")]
    [InlineData("\"expiration\":\"2024-05-01T12:30:00.000Z\"", "\"expiration\":\"2024-05-01T12:30:00.000\"", "expiration must be")]
    [InlineData("\"size\":\"0.0123\"", "\"size\":\"0.01234567891\"", "not a multiple of the BTC-USD quantum")]
    [InlineData("\"market\":\"BTC-USD\"", "\"market\":\"BTC-EUR\"", "unknown market")]
    [InlineData("\"networkId\":1", "\"networkId\":2", "unknown network id 2")]
    [InlineData("\"limitFee\":\"0.0005\"", "\"limitFee\":true", "limitFee must be")]
    [InlineData("\"clientId\":\"mm-000001\"", "\"clientId\":\"mm-000001\",\"clientId\":\"x\"", "appears twice")]
    public void Field_errors_name_the_field(string original, string replacement, string reason)
    {
        var error = Parse(SignOrderLines.SignLine(Line().Replace(original, replacement))).GetProperty("error").GetString();
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_bad_private_key_is_not_echoed()
    {
        var line = Line().Replace(Key, "zz" + Key[2..]);
        var output = SignOrderLines.SignLine(line);
        Assert.Contains("starkPrivateKey must be", output);
        Assert.DoesNotContain(Key[2..], output);
    }

    [Fact]
    public void A_byte_order_mark_is_ignored() => Assert.Equal(SignOrderLines.SignLine(Line()), SignOrderLines.SignLine("\uFEFF" + Line()));

    [Fact]
    public void Offsets_other_than_Z_are_converted_to_UTC() =>
        Assert.Equal(SignOrderLines.SignLine(Line()), SignOrderLines.SignLine(Line().Replace("2024-05-01T12:30:00.000Z", "2024-05-01T14:30:00.000+02:00")));

    [Fact]
    public void Parallel_batch_preserves_input_order() =>
        Gen.Int[1, 120].Sample(count =>
        {
            var lines = Enumerable.Range(0, count).Select(i => i % 7 == 3 ? "broken" : Line($"mm-{i}")).ToArray();
            var sequential = lines.Select(l => SignOrderLines.SignLine(l)).ToArray();
            Assert.Equal(sequential, SignOrderLines.SignAll(lines, maxDegreeOfParallelism: 4));
        }, iter: 20);

    [Fact]
    public void Empty_input_gives_empty_output()
    {
        Assert.Empty(SignOrderLines.SignAll([]));
        var output = new StringWriter();
        Assert.Equal(0, SignOrderLines.SignStream(new StringReader(""), output));
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void Stream_writes_one_line_per_input_line_in_order()
    {
        var lines = Enumerable.Range(0, 50).Select(i => i == 10 ? "" : Line($"mm-{i}")).ToArray();
        var output = new StringWriter();
        int errors = SignOrderLines.SignStream(new StringReader(string.Join("\n", lines) + "\n"), output, batchLines: 8);
        var written = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, errors);
        Assert.Equal(lines.Select(l => SignOrderLines.SignLine(l)).ToArray(), written);
    }

    [Fact]
    public void Never_throws_on_arbitrary_or_truncated_input()
    {
        Gen.String.Sample(text => Assert.StartsWith("{\"error\":", SignOrderLines.SignLine(text)));
        var valid = Line();
        for (int n = 0; n < valid.Length; n++)
            Assert.StartsWith("{\"error\":", SignOrderLines.SignLine(valid[..n]));
        Gen.Int[0, valid.Length - 1].Select(Gen.Char, (i, c) => (i, c)).Sample(t =>
        {
            var mutated = valid[..t.i] + t.c + valid[(t.i + 1)..];
            var output = Parse(SignOrderLines.SignLine(mutated));
            Assert.True(output.TryGetProperty("error", out _) || output.TryGetProperty("signature", out _));
        });
    }
}
