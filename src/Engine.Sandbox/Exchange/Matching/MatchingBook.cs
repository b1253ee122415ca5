using Engine.Core.Primitives;

namespace Engine.Sandbox.Exchange.Matching;

/// <summary>The single central limit order book of one market: background levels and user orders on both sides.</summary>
internal sealed class MatchingBook
{
    public BookSide Bids { get; } = new(Side.Buy);
    public BookSide Asks { get; } = new(Side.Sell);

    public BookSide SideOf(Side side) => side == Side.Buy ? Bids : Asks;

    /// <summary>The side an order of <paramref name="side"/> trades against.</summary>
    public BookSide Opposite(Side side) => side == Side.Buy ? Asks : Bids;
}
