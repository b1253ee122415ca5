using Engine.Core.Orders;
using Engine.Runtime.Account;
using Engine.Runtime.Book;
using Engine.Runtime.Feed;
using Engine.Runtime.Simulation;

namespace Engine.Runtime.Reports;

/// <summary>Assembles the report from what the actors hold at the end of a run.</summary>
public static class ReportBuilder
{
    public static SimulationReport Build(
        string market, SimulationRequest request, bool synthetic, FeedCompleted feed,
        OrderLedgerSnapshot orders, AccountReport account, BookStatistics book, long damagedLines)
    {
        return new SimulationReport(
            Market: market,
            Recording: Path.GetFileName(request.RecordingPath),
            SyntheticData: synthetic,
            Seed: request.Seed,
            RecordingStart: feed.FirstTime?.ToIso(),
            RecordingEnd: feed.LastTime?.ToIso(),
            Frames: feed.Frames,
            Batches: feed.Batches,
            OrdersSubmitted: orders.OrdersSubmitted,
            OrdersCanceled: orders.Orders.Count(o => o.Status == OrderStatus.Canceled),
            OrdersRejected: orders.Orders.Count(o => o.Status == OrderStatus.Rejected),
            OrdersOpenAtEnd: orders.Orders.Count(o => o.Status.IsWorking()),
            Fills: account.Fills.Count,
            MakerFills: account.Fills.Count(f => f.Liquidity == Liquidity.Maker),
            TakerFills: account.Fills.Count(f => f.Liquidity == Liquidity.Taker),
            BoughtSize: account.Bought.ToString(),
            SoldSize: account.Sold.ToString(),
            Volume: account.Volume,
            Fees: account.Fees,
            Funding: account.Funding,
            RealizedPnl: account.RealizedPnl,
            UnrealizedPnl: account.UnrealizedPnl,
            NetPnl: account.RealizedPnl + account.UnrealizedPnl - account.Fees + account.Funding,
            Inventory: account.Position.ToString(),
            EntryPrice: account.EntryPrice,
            MarkPrice: account.Mark?.ToString(),
            StartingEquity: account.StartingEquity,
            FinalEquity: account.Equity,
            MaxDrawdown: account.MaxDrawdown,
            MalformedFrames: book.MalformedFrames + damagedLines,
            StaleLevelUpdates: book.StaleLevelUpdates,
            CrossedBooksRepaired: book.Uncrossings,
            DuplicateFillsIgnored: orders.DuplicateFills);
    }
}
