using Engine.Core.Strategy;

namespace Engine.Runtime.Hosting;

/// <summary>Reads a strategy HOCON file (see hocon/strategies/default.conf) into validated parameters.</summary>
public static class StrategyConfigReader
{
    private static readonly Dictionary<string, PriceSource> Sources = new()
    {
        ["mid"] = PriceSource.Mid, ["last"] = PriceSource.Last, ["best-bid"] = PriceSource.BestBid, ["best-ask"] = PriceSource.BestAsk,
    };

    public static MarketMakingParameters Read(string file)
    {
        var s = new HoconReader(EngineConfig.ParseFile(file), file, "strategy");
        var parameters = new MarketMakingParameters
        {
            Market = s.String("market"),
            BidSpread = s.Decimal("bid-spread"),
            AskSpread = s.Decimal("ask-spread"),
            OrderAmount = s.Quantity("order-amount"),
            OrderLevels = s.Int("order-levels", 1, 20),
            OrderLevelSpread = s.Decimal("order-level-spread"),
            OrderLevelAmount = s.Quantity("order-level-amount", allowNegative: true),
            RefreshTime = s.Duration("refresh-time", TimeSpan.FromMilliseconds(1)),
            RefreshTolerance = s.Decimal("refresh-tolerance"),
            MinimumSpread = s.Decimal("minimum-spread"),
            FilledOrderDelay = s.Duration("filled-order-delay", TimeSpan.Zero),
            PriceSource = s.Enum("price-source", Sources),
            InventorySkew = s.Bool("inventory-skew.enabled"),
            InventoryTarget = s.Quantity("inventory-skew.target", allowNegative: true),
            InventoryRange = s.Quantity("inventory-skew.range"),
            MaxPosition = s.Quantity("max-position"),
            PostOnly = s.Bool("post-only"),
            OrderExpiration = s.Duration("order-expiration", TimeSpan.FromMinutes(1)),
        };
        foreach (var (key, problem) in parameters.Validate())
            throw new ConfigurationException(file, $"strategy.{key}", problem, $"set strategy.{key} to a valid value");
        return parameters;
    }
}
