using Engine.Core.Primitives;
using Engine.Sandbox.Exchange;
using Engine.Sandbox.Tests.Support;
using Xunit;

namespace Engine.Sandbox.Tests.Accounts;

public sealed class IdTests
{
    private static (string OrderId, string FillId, string PositionId) Trade(ulong seed)
    {
        var h = new Harness(new SandboxOptions { Seed = seed });
        string alice = h.NewAccount();
        h.Background(Side.Sell, "30010", "1");
        var order = h.PlaceAndProcess(alice, h.Order(Side.Buy, "30010", "0.1", Engine.Core.Orders.TimeInForce.Ioc));
        return (order.Id, h.Exchange.GetFills(alice).Unwrap().Single().Id, h.Exchange.GetPositions(alice).Unwrap().Single().Id);
    }

    [Fact]
    public void Ids_are_deterministic_per_seed_and_shaped_like_v3()
    {
        var first = Trade(1);
        Assert.Equal(first, Trade(1));
        var other = Trade(2);
        Assert.NotEqual(first.OrderId, other.OrderId);
        Assert.NotEqual(first.FillId, other.FillId);

        Assert.Matches("^[0-9a-f]{63}$", first.OrderId); // v3 order ids: a hash with the leading digit dropped
        Assert.True(Guid.TryParse(first.FillId, out _));
        Assert.True(Guid.TryParse(first.PositionId, out _));
    }
}
