namespace Engine.Sandbox.Exchange.Markets;

/// <summary>v3 market status. ONLINE trades; POST_ONLY takes only postOnly orders; CANCEL_ONLY and OFFLINE take none.</summary>
public enum MarketStatus : byte { Online = 0, PostOnly, CancelOnly, Offline }

public static class MarketStatusWire
{
    public static string ToWire(this MarketStatus status) => status switch
    {
        MarketStatus.Online => "ONLINE",
        MarketStatus.PostOnly => "POST_ONLY",
        MarketStatus.CancelOnly => "CANCEL_ONLY",
        MarketStatus.Offline => "OFFLINE",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? text, out MarketStatus status)
    {
        status = text switch
        {
            "ONLINE" => MarketStatus.Online,
            "POST_ONLY" => MarketStatus.PostOnly,
            "CANCEL_ONLY" => MarketStatus.CancelOnly,
            "OFFLINE" => MarketStatus.Offline,
            _ => (MarketStatus)255,
        };
        return (byte)status != 255;
    }
}
