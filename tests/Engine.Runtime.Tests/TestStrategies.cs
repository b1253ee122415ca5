using Engine.Core.Strategy;
using Engine.Runtime.Hosting;

namespace Engine.Runtime.Tests;

internal static class TestStrategies
{
    public static MarketMakingParameters Default => StrategyConfigReader.Read(EngineConfig.DefaultStrategyFile);

    /// <summary>
    /// The default strategy file refreshing every 2 s (tolerance off) and pausing 1 s after a fill, so a short paper
    /// run always sees quotes replaced, not just placed.
    /// </summary>
    public static string FastFile()
    {
        string strategy = Path.Combine(TestConfigs.TempDir(), "fast.conf");
        File.WriteAllText(strategy, File.ReadAllText(EngineConfig.DefaultStrategyFile)
            .Replace("refresh-time = 10s", "refresh-time = 2s").Replace("refresh-tolerance = 0.0002", "refresh-tolerance = -1")
            .Replace("filled-order-delay = 5s", "filled-order-delay = 1s"));
        return strategy;
    }
}
