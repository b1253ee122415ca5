using System.Diagnostics.CodeAnalysis;
using Engine.Core.Portfolio;
using Engine.Core.Primitives;

namespace Engine.Simulation;

/// <summary>
/// Hourly dYdX funding for one market from recorded market updates (pure, driven by recorded time only).
/// Settlement happens at every UTC top of the hour H after the clock's first observed time, with the rate and oracle
/// price last observed strictly before H (an update stamped exactly H belongs to the next hour). Payment = −S × P × R.
/// No-data rule: hour H is settled only if a rate was observed within [H − 2h, H) — that hour or the one before — and
/// an oracle price is known; otherwise it is skipped with no charge, so a stale rate never spans a longer gap.
/// Call <see cref="TryAccrue"/> in a loop (one settlement per call) whenever the position may change, so each
/// settlement uses the position held at that hour.
/// </summary>
public sealed class FundingClock
{
    private readonly Queue<Snapshot> _due = new();
    private decimal? _rate;
    private long _rateAt;
    private Price? _oracle;
    private long _nextBoundary = long.MinValue; // first hour not yet snapshotted; unset until the first observation

    public FundingClock(string market) => Market = market ?? throw new ArgumentNullException(nameof(market));

    public string Market { get; }
    public decimal? LastRate => _rate;
    public Price? LastOraclePrice => _oracle;
    /// <summary>Hours passed without a fresh enough rate or any oracle price (no charge made).</summary>
    public long SkippedHours { get; private set; }
    public long SettledHours { get; private set; }

    /// <summary>A recorded market update; null fields are "not in this message" and keep the previous value.</summary>
    public void OnMarketUpdate(Timestamp time, decimal? nextFundingRate, Price? oraclePrice)
    {
        Advance(time);
        if (nextFundingRate is { } rate)
        {
            _rate = rate;
            _rateAt = time.Nanos;
        }
        if (oraclePrice is { } oracle) _oracle = oracle;
    }

    /// <summary>
    /// Settles the next top of the hour at or before <paramref name="now"/> for <paramref name="position"/>. Returns false
    /// once nothing more is due. Hours without data, and hours where the position is flat, are consumed silently.
    /// </summary>
    public bool TryAccrue(Timestamp now, Quantity position, [MaybeNullWhen(false)] out FundingPayment payment)
    {
        Advance(now);
        while (_due.TryDequeue(out var due))
        {
            if (due.Rate is not { } rate || due.Oracle is not { } oracle || due.RateAt < due.Boundary - 2 * Timestamp.NanosPerHour)
            {
                SkippedHours++;
                continue;
            }
            SettledHours++;
            if (position.IsZero) continue;
            payment = FundingPayment.Compute(Market, rate, oracle, position, new Timestamp(due.Boundary));
            return true;
        }
        payment = null;
        return false;
    }

    /// <summary>Freezes the values in force before each hour boundary up to <paramref name="time"/>.</summary>
    private void Advance(Timestamp time)
    {
        if (_nextBoundary == long.MinValue)
        {
            _nextBoundary = FloorHour(time.Nanos) + Timestamp.NanosPerHour;
            return;
        }
        // Every value in force at these boundaries was observed before the first of them, so only the first two can
        // still have a rate at most two hours old; the rest of a long gap is counted as skipped without being queued.
        long first = _nextBoundary;
        while (_nextBoundary <= time.Nanos)
        {
            if (_nextBoundary - first >= 2 * Timestamp.NanosPerHour)
            {
                long last = FloorHour(time.Nanos);
                SkippedHours += (last - _nextBoundary) / Timestamp.NanosPerHour + 1;
                _nextBoundary = last + Timestamp.NanosPerHour;
                break;
            }
            _due.Enqueue(new Snapshot(_nextBoundary, _rate, _rateAt, _oracle));
            _nextBoundary += Timestamp.NanosPerHour;
        }
    }

    private static long FloorHour(long nanos)
    {
        long r = nanos % Timestamp.NanosPerHour;
        if (r < 0) r += Timestamp.NanosPerHour;
        return nanos - r;
    }

    private readonly record struct Snapshot(long Boundary, decimal? Rate, long RateAt, Price? Oracle);
}
