using Engine.Dydx.Auth;
using Xunit;

namespace Engine.Dydx.Tests.Rest;

/// <summary>Signed timestamps follow the exchange's clock, not ours.</summary>
public sealed class ServerClockTests
{
    [Fact]
    public void Offset_is_measured_from_the_midpoint_and_the_most_precise_sample_wins()
    {
        var time = new ManualTimeProvider();
        var clock = new ServerClock(time);
        var t0 = time.GetUtcNow();
        // Round trip 200 ms; the server's clock read 10 s ahead at the midpoint.
        clock.AddSample(t0, t0.AddMilliseconds(100).AddSeconds(10), t0.AddMilliseconds(200));
        Assert.Equal(TimeSpan.FromSeconds(10), clock.Offset);
        // A sloppier sample (2 s round trip) does not replace it...
        clock.AddSample(t0, t0.AddSeconds(1).AddSeconds(12), t0.AddSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(10), clock.Offset);
        // ...a tighter one does.
        clock.AddSample(t0, t0.AddMilliseconds(5).AddSeconds(11), t0.AddMilliseconds(10));
        Assert.Equal(TimeSpan.FromSeconds(11), clock.Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(10), clock.RoundTrip);
        Assert.Equal(time.GetUtcNow().AddSeconds(11), clock.UtcNow);
        Assert.Equal("2022-05-02T12:00:11.000Z", clock.IsoNow());
    }

    [Fact]
    public void Needs_sync_when_never_sampled_when_old_and_after_being_marked_stale()
    {
        var time = new ManualTimeProvider();
        var clock = new ServerClock(time);
        Assert.True(clock.NeedsSync(TimeSpan.FromMinutes(5)));
        var now = time.GetUtcNow();
        clock.AddSample(now, now.AddSeconds(3), now);
        Assert.False(clock.NeedsSync(TimeSpan.FromMinutes(5)));
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.True(clock.NeedsSync(TimeSpan.FromMinutes(5)));
        clock.AddSample(time.GetUtcNow(), time.GetUtcNow().AddSeconds(3), time.GetUtcNow());
        clock.MarkStale();
        Assert.True(clock.NeedsSync(TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromSeconds(3), clock.Offset); // kept in use until a new sample arrives
    }

    [Fact]
    public async Task The_signed_timestamp_is_corrected_by_the_offset_measured_from_v3_time()
    {
        var serverAhead = TimeSpan.FromHours(1);
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget switch
        {
            "/v3/time" => Reply.Time(DateTimeOffset.UtcNow + serverAhead),
            "/v3/users" => Reply.Ok(DocumentedPayloads.User),
            _ => null,
        });
        await host.Client.GetUserAsync();
        Assert.InRange(host.Client.ClockOffset.TotalSeconds, 3599, 3601);
        var request = host.RequestsTo("/v3/users").Single();
        var signedAt = DateTimeOffset.Parse(request.Header("DYDX-TIMESTAMP")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((signedAt - (request.ReceivedAt + serverAhead)).TotalSeconds, -2, 2);
    }

    [Fact]
    public async Task The_offset_is_remeasured_when_older_than_the_sync_interval()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/users" ? Reply.Ok(DocumentedPayloads.User) : null,
            o => o with { ClockSyncInterval = TimeSpan.FromMinutes(1) }, time: time);
        await host.Client.GetUserAsync();
        await host.Client.GetUserAsync();
        Assert.Single(host.RequestsTo("/v3/time"));
        time.Advance(TimeSpan.FromSeconds(61));
        await host.Client.GetUserAsync();
        Assert.Equal(2, host.RequestsTo("/v3/time").Count);
        Assert.Equal(3, host.RequestsTo("/v3/users").Count);
    }

    [Fact]
    public async Task A_failed_remeasurement_keeps_the_last_offset_instead_of_failing_the_request()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        int timeCalls = 0;
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget switch
        {
            "/v3/time" => Interlocked.Increment(ref timeCalls) == 1 ? Reply.Time(time.GetUtcNow().AddSeconds(20)) : new Reply(503, "down"),
            "/v3/users" => Reply.Ok(DocumentedPayloads.User),
            _ => null,
        }, o => o with { ClockSyncInterval = TimeSpan.FromMinutes(1), MaxAttempts = 1 }, time: time);
        await host.Client.GetUserAsync();
        time.Advance(TimeSpan.FromMinutes(2));
        await host.Client.GetUserAsync();
        Assert.Equal(2, host.RequestsTo("/v3/time").Count);
        Assert.InRange(host.Client.ClockOffset.TotalSeconds, 19, 21);
        var signedAt = DateTimeOffset.Parse(host.RequestsTo("/v3/users")[1].Header("DYDX-TIMESTAMP")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((signedAt - time.GetUtcNow()).TotalSeconds, 19, 21);
    }

    [Theory]
    [InlineData(DocumentedPayloads.TimeWithStringEpoch)]
    [InlineData(DocumentedPayloads.TimeWithNumberEpoch)]
    public async Task Server_time_accepts_the_epoch_as_a_string_or_a_number(string body)
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/time" ? Reply.Ok(body) : null);
        var time = await host.Client.GetTimeAsync();
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1611965998515), time.Time);
        Assert.Equal(new DateTimeOffset(2021, 2, 2, 18, 35, 45, TimeSpan.Zero), time.Iso);
    }
}
