using System.Globalization;
using CsCheck;
using Engine.Stark.Orders;
using Xunit;

namespace Engine.Stark.Tests.Orders;

public sealed class ExpirationAndNonceTests
{
    [Theory]
    [InlineData("2021-02-24T16:00:00.407Z", 448553u)]
    [InlineData("2021-02-24T16:00:00.000Z", 448552u)] // an exact hour is not rounded up
    [InlineData("2021-02-24T15:00:00.001Z", 448552u)]
    [InlineData("2024-05-01T12:30:00.000Z", 476437u)]
    [InlineData("2020-09-17T04:15:55.028Z", 444701u)]
    public void Epoch_hours_round_up_and_add_the_buffer(string iso, uint expected)
    {
        Assert.True(OrderExpiration.TryEpochHours(DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture), out uint hours, out _));
        Assert.Equal(expected, hours);
    }

    [Fact]
    public void Epoch_hours_match_a_decimal_ceiling() =>
        Gen.Long[0, 253_402_300_799_999L].Sample(ms =>
        {
            Assert.True(OrderExpiration.TryEpochHours(DateTimeOffset.FromUnixTimeMilliseconds(ms), out uint hours, out _));
            Assert.Equal((uint)(Math.Ceiling(ms / 3_600_000m) + 168), hours);
        });

    [Fact]
    public void Sub_millisecond_ticks_are_ignored_like_the_wire_string()
    {
        var boundary = DateTimeOffset.Parse("2021-02-24T16:00:00.000Z", CultureInfo.InvariantCulture);
        OrderExpiration.TryEpochHours(boundary.AddTicks(9_999), out uint hours, out _);
        Assert.Equal(448552u, hours);
        Assert.Equal("2021-02-24T16:00:00.000Z", OrderExpiration.FormatIso(boundary.AddTicks(9_999)));
    }

    [Fact]
    public void Expirations_before_1970_are_refused()
    {
        Assert.False(OrderExpiration.TryEpochHours(new DateTimeOffset(1969, 12, 31, 23, 0, 0, TimeSpan.Zero), out _, out var error));
        Assert.Contains("before 1970", error);
    }

    [Fact]
    public void Spec_nonce_example() => Assert.Equal(2455781400u, ClientIdNonce.From("mm-000001"));

    [Fact]
    public void Nonce_is_the_last_four_digest_bytes_for_any_client_id() =>
        Gen.String.Sample(id =>
        {
            var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id));
            Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(digest.AsSpan(28)), ClientIdNonce.From(id));
        });

    [Fact]
    public void Long_client_ids_are_hashed_whole() =>
        Assert.NotEqual(ClientIdNonce.From(new string('x', 2000)), ClientIdNonce.From(new string('x', 2001)));
}
