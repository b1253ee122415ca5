namespace Engine.Dydx.Rest.Models;

/// <summary>GET /v3/time: {"iso":"2021-02-02T18:35:45Z","epoch":"1611965998.515"} (epoch a string or a number).</summary>
public sealed record ServerTime
{
    public required DateTimeOffset Iso { get; init; }

    /// <summary>Seconds since the Unix epoch with milliseconds.</summary>
    public required decimal Epoch { get; init; }

    /// <summary>The more precise of the two: the epoch carries milliseconds, the ISO form sometimes does not.</summary>
    public DateTimeOffset Time => DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Round(Epoch * TimeSpan.TicksPerSecond));
}
