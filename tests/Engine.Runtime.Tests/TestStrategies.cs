using Engine.Core.Strategy;
using Engine.Runtime.Hosting;

namespace Engine.Runtime.Tests;

internal static class TestStrategies
{
    public static MarketMakingParameters Default => StrategyConfigReader.Read(EngineConfig.DefaultStrategyFile);
}
