using Engine.Core.Primitives;
using Xunit;
using static Engine.Simulation.Tests.Venue;

namespace Engine.Simulation.Tests;

public class QueueModelTests
{
    private static readonly QueuePosition Ahead6 = QueuePosition.Behind(Q("6"));

    [Fact]
    public void Both_models_join_at_the_back_of_the_visible_level()
    {
        Assert.Equal(new QueuePosition(Q("3"), Quantity.Zero), RiskAverseQueueModel.Instance.OnPlaced(Q("3")));
        Assert.Equal(new QueuePosition(Q("3"), Quantity.Zero), new ProbabilisticQueueModel(3).OnPlaced(Q("3")));
    }

    [Fact]
    public void Risk_averse_ignores_cancels_above_its_estimate()
    {
        var m = RiskAverseQueueModel.Instance;
        Assert.Equal(Q("6"), m.OnLevelChanged(Ahead6, Q("10"), Q("7")).Ahead);
        Assert.Equal(Q("4"), m.OnLevelChanged(Ahead6, Q("10"), Q("4")).Ahead);
        Assert.Equal(Q("6"), m.OnLevelChanged(Ahead6, Q("10"), Q("12")).Ahead);
        Assert.Equal(Quantity.Zero, m.OnLevelChanged(Ahead6, Q("10"), Quantity.Zero).Ahead);
    }

    [Fact]
    public void Trades_eat_the_queue_and_never_make_it_negative()
    {
        foreach (IQueueModel m in new IQueueModel[] { RiskAverseQueueModel.Instance, new ProbabilisticQueueModel(2) })
        {
            var q = m.OnTradeAtPrice(Ahead6, Q("4"));
            Assert.Equal(new QueuePosition(Q("2"), Q("4")), q);
            Assert.Equal(Quantity.Zero, m.OnTradeAtPrice(q, Q("4")).Ahead);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Probabilistic_share_is_f_back_over_f_back_plus_f_front(int power)
    {
        // Level 10 → 7 with 6 ahead of us and 4 behind: the ahead part loses 3 × f(4)/(f(4)+f(6)), rounded up to a unit.
        var q = new ProbabilisticQueueModel(power).OnLevelChanged(Ahead6, Q("10"), Q("7"));
        decimal exact = 6m - 3m * Pow(4m, power) / (Pow(4m, power) + Pow(6m, power));
        Assert.Equal(new Quantity((long)decimal.Ceiling(exact * 1_000_000_000m)), q.Ahead);
        if (power == 1) Assert.Equal(Q("4.8"), q.Ahead);
    }

    [Fact]
    public void Probabilistic_at_the_back_takes_every_decrease_from_the_front()
    {
        var m = new ProbabilisticQueueModel(2);
        Assert.Equal(Q("4"), m.OnLevelChanged(Ahead6, Q("6"), Q("4")).Ahead);
    }

    [Fact]
    public void Probabilistic_spills_a_back_share_larger_than_the_back_to_the_front()
    {
        // front 9, back 1, power 1: front share 1/10 of 5 = 0.5; back share 4.5 > back 1 → 3.5 spills to the front.
        var m = new ProbabilisticQueueModel(1);
        Assert.Equal(Q("5"), m.OnLevelChanged(QueuePosition.Behind(Q("9")), Q("10"), Q("5")).Ahead);
    }

    [Fact]
    public void Probabilistic_subtracts_trade_volume_already_seen_and_resets_it()
    {
        var m = new ProbabilisticQueueModel(2);
        var afterTrade = m.OnTradeAtPrice(Ahead6, Q("2")); // ahead 4, traded 2
        var q = m.OnLevelChanged(afterTrade, Q("10"), Q("8"));
        Assert.Equal(new QueuePosition(Q("4"), Quantity.Zero), q);
    }

    [Fact]
    public void Probabilistic_is_deterministic_and_bounded_by_the_new_level()
    {
        var m = new ProbabilisticQueueModel(3);
        var a = m.OnLevelChanged(Ahead6, Q("10.123"), Q("2.5"));
        var b = m.OnLevelChanged(Ahead6, Q("10.123"), Q("2.5"));
        Assert.Equal(a, b);
        Assert.True(a.Ahead <= Q("2.5"));
    }

    [Fact]
    public void Power_must_be_sane()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProbabilisticQueueModel(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProbabilisticQueueModel(ProbabilisticQueueModel.MaxPower + 1));
    }

    private static decimal Pow(decimal x, int n)
    {
        decimal r = 1m;
        for (int i = 0; i < n; i++) r *= x;
        return r;
    }
}
