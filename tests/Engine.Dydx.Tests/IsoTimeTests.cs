using System.Globalization;
using System.Text;
using CsCheck;
using Engine.Core.Primitives;
using Engine.Dydx.Wire;
using Xunit;

namespace Engine.Dydx.Tests;

public sealed class IsoTimeTests
{
    [Fact]
    public void Parses_v3_timestamps()
    {
        Assert.True(IsoTime.TryParse("2021-10-17T14:39:29.506Z"u8, out var t));
        Assert.Equal(DateTimeOffset.Parse("2021-10-17T14:39:29.506Z", CultureInfo.InvariantCulture), t.ToDateTimeOffset());
        Assert.Equal("2021-10-17T14:39:29.506Z", t.ToIso());
    }

    [Theory]
    [InlineData("2021-02-30T00:00:00Z")]
    [InlineData("2021-10-17 14:39")]
    [InlineData("2021-10-17T24:00:00Z")]
    [InlineData("2021-10-17T14:39:29.Z")]
    [InlineData("2021-10-17T14:39:29+02:00")]
    [InlineData("garbage-but-long-enough")]
    public void Rejects_malformed(string text) => Assert.False(IsoTime.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void Agrees_with_DateTimeOffset_for_any_millisecond_time() =>
        Gen.Long[0, 253_402_300_799_999L].Sample(ms =>
        {
            var dto = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            string text = dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            Assert.True(IsoTime.TryParse(Encoding.ASCII.GetBytes(text), out var t), text);
            Assert.Equal(ms * Timestamp.NanosPerMillisecond, t.Nanos);
        });
}
