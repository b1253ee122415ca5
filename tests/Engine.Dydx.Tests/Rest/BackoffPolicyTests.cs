using CsCheck;
using Engine.Dydx.Resilience;
using Xunit;

namespace Engine.Dydx.Tests.Rest;

public sealed class BackoffPolicyTests
{
    [Fact]
    public void Every_delay_lies_between_the_jittered_floor_and_the_capped_ceiling()
    {
        var policy = new BackoffPolicy { Initial = TimeSpan.FromMilliseconds(100), Max = TimeSpan.FromSeconds(5), Jitter = 0.5 };
        Gen.Select(Gen.Int[0, 200], Gen.Double[0, 0.999999]).Sample((attempt, random) =>
        {
            var ceiling = policy.Ceiling(attempt);
            var delay = policy.Delay(attempt, random);
            return ceiling <= policy.Max && delay <= ceiling && delay.TotalMilliseconds >= ceiling.TotalMilliseconds * 0.5 - 1e-6;
        });
    }

    [Fact]
    public void Ceilings_double_until_the_maximum()
    {
        var policy = new BackoffPolicy { Initial = TimeSpan.FromMilliseconds(200), Max = TimeSpan.FromSeconds(5) };
        Assert.Equal([200, 400, 800, 1600, 3200, 5000, 5000], Enumerable.Range(0, 7).Select(a => policy.Ceiling(a).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.Ceiling(10_000));
    }

    [Fact]
    public void Invalid_settings_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new BackoffPolicy { Initial = TimeSpan.Zero }.Validate("x"));
        Assert.Throws<ArgumentException>(() => new BackoffPolicy { Initial = TimeSpan.FromSeconds(2), Max = TimeSpan.FromSeconds(1) }.Validate("x"));
        Assert.Throws<ArgumentException>(() => new BackoffPolicy { Jitter = 1.5 }.Validate("x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffPolicy().Delay(0, 1.0));
    }
}
