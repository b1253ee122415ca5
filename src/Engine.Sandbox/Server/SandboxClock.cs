using Engine.Core.Primitives;

namespace Engine.Sandbox.Server;

/// <summary>
/// The server's two clocks. Exchange time starts at a chosen instant and runs <c>speed</c> times as fast as the wall
/// clock (monotonic: measured with the provider's high-resolution timestamp). Server time is the wall clock plus the
/// injected skew; it answers GET /v3/time and judges request timestamps, as v3's API servers did.
/// </summary>
public sealed class SandboxClock
{
    private readonly TimeProvider _time;
    private readonly long _anchorStamp;
    private readonly double _speed;
    private readonly SandboxFaults _faults;

    public SandboxClock(TimeProvider time, Timestamp exchangeStart, double speed, SandboxFaults faults)
    {
        if (!(speed > 0) || double.IsInfinity(speed)) throw new ArgumentOutOfRangeException(nameof(speed), "speed must be positive");
        _time = time;
        _anchorStamp = time.GetTimestamp();
        _speed = speed;
        _faults = faults;
        ExchangeStart = exchangeStart;
    }

    public Timestamp ExchangeStart { get; }

    public double Speed => _speed;

    public Timestamp ExchangeNow()
    {
        var elapsed = _time.GetElapsedTime(_anchorStamp);
        long nanos = _speed == 1.0 ? elapsed.Ticks * 100L : (long)(elapsed.Ticks * 100.0 * _speed);
        return ExchangeStart.AddNanos(nanos);
    }

    /// <summary>Wall clock plus the injected skew.</summary>
    public DateTimeOffset ServerNow() => _time.GetUtcNow() + _faults.ClockSkew;

    /// <summary>The unskewed wall clock (rate-limit windows, stall deadlines).</summary>
    public DateTimeOffset WallNow() => _time.GetUtcNow();
}
