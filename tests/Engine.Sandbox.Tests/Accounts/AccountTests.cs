using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Ids;
using Engine.Sandbox.Exchange.Queries;
using Engine.Sandbox.Tests.Support;
using Xunit;
using static Engine.Sandbox.Tests.Support.Harness;

namespace Engine.Sandbox.Tests.Accounts;

public sealed class AccountTests
{
    [Fact]
    public void Account_ids_are_the_v3_client_derivation()
    {
        // Vectors from Python: uuid.uuid5(NS, address.lower()) and uuid.uuid5(NS, str(userId) + "0").
        const string address = "0xAbCdEf0123456789abcdef0123456789ABCDEF01";
        Assert.Equal("9e665267-155e-5f76-a29c-63abc2370048", V3AccountIds.UserId(address));
        Assert.Equal("f7c63113-c908-5a19-8644-40de2e01eabd", V3AccountIds.AccountId(address, 0));
    }

    [Fact]
    public void Create_account_stores_keys_and_collateral()
    {
        var h = new Harness();
        var view = h.Exchange.CreateAccount(new NewAccountRequest
        {
            EthereumAddress = "0xAbCdEf0123456789abcdef0123456789ABCDEF01",
            StarkPublicKey = "03e49e0fd54ad1d0e3d6f6f1b3c0c4a5",
            PositionId = 119684,
            InitialCollateral = 558.519283m,
        }, h.Now).Unwrap();
        Assert.Equal("f7c63113-c908-5a19-8644-40de2e01eabd", view.Id);
        Assert.Equal("03e49e0fd54ad1d0e3d6f6f1b3c0c4a5", view.StarkKey);
        Assert.Equal(119684, view.PositionId);
        Assert.Equal((558.519283m, 558.519283m, 558.519283m), (view.QuoteBalance, view.Equity, view.FreeCollateral));
        Assert.Equal((0.0005m, 0.001m), (view.MakerFeeRate, view.TakerFeeRate));
        Assert.Empty(view.OpenPositions);
        Assert.Equal(view.Id, Assert.Single(h.Exchange.GetAccountsByAddress("0xabcdef0123456789abcdef0123456789abcdef01")).Id);

        var again = h.Exchange.CreateAccount(new NewAccountRequest
        {
            EthereumAddress = "0xabcdef0123456789abcdef0123456789abcdef01", StarkPublicKey = "03", PositionId = 1, InitialCollateral = 1m,
        }, h.Now);
        Assert.Equal("Account 0 already exists for 0xabcdef0123456789abcdef0123456789abcdef01", again.Error!.Message);
        var badKey = h.Exchange.CreateAccount(new NewAccountRequest
        {
            EthereumAddress = "0x0000000000000000000000000000000000000009", StarkPublicKey = "xyz", PositionId = 1, InitialCollateral = 1m,
        }, h.Now);
        Assert.Equal("starkKey must be a hex string of at most 64 digits", badKey.Error!.Message);
        var subMicro = h.Exchange.CreateAccount(new NewAccountRequest
        {
            EthereumAddress = "0x0000000000000000000000000000000000000009", StarkPublicKey = "03", PositionId = 1, InitialCollateral = 0.0000001m,
        }, h.Now);
        Assert.False(subMicro.IsSuccess);
    }

    [Fact]
    public void A_flip_closes_the_position_record_and_opens_a_new_one()
    {
        // Like the real partially-filled-orders.json capture: a BUY larger than the short closes it and opens a LONG.
        var h = new Harness();
        string alice = h.NewAccount(makerFee: 0m, takerFee: 0m);
        h.Background(Side.Buy, "30000", "10");
        h.Background(Side.Sell, "30100", "10");
        h.PlaceAndProcess(alice, h.Order(Side.Sell, "30000", "1", TimeInForce.Fok));
        h.PlaceAndProcess(alice, h.Order(Side.Sell, "30000", "0.5", TimeInForce.Fok));
        h.PlaceAndProcess(alice, h.Order(Side.Buy, "30100", "2", TimeInForce.Fok));

        var positions = h.Exchange.GetPositions(alice).Unwrap();
        Assert.Equal(2, positions.Count);
        var opened = positions[0];
        var closed = positions[1];
        Assert.Equal((PositionStatus.Closed, PositionSide.Short, Quantity.Zero, Q("-1.5")), (closed.Status, closed.Side, closed.Size, closed.MaxSize));
        Assert.Equal((30000m, (decimal?)30100m), (closed.EntryPrice, closed.ExitPrice));
        Assert.Equal((Q("1.5"), Q("1.5")), (closed.SumOpen, closed.SumClose));
        Assert.Equal(-150m, closed.RealizedPnl); // sold 1.5 at 30000, bought back at 30100
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal((PositionStatus.Open, PositionSide.Long, Q("0.5"), 30100m), (opened.Status, opened.Side, opened.Size, opened.EntryPrice));
        Assert.Equal(opened.OpenTransactionId, closed.CloseTransactionId);
        Assert.Single(h.Exchange.GetPositions(alice, new PositionQuery { Status = PositionStatus.Closed }).Unwrap());
        Assert.Equal(opened.Id, Assert.Single(h.Account(alice).OpenPositions).Value.Id);
    }

    [Fact]
    public void Entry_price_averages_the_opening_fills_and_partial_closes_realize_against_it()
    {
        var h = new Harness();
        string alice = h.NewAccount(makerFee: 0m, takerFee: 0m);
        h.Background(Side.Sell, "30000", "1");
        h.Background(Side.Sell, "30300", "1");
        h.PlaceAndProcess(alice, h.Order(Side.Buy, "30300", "2", TimeInForce.Fok)); // 1 @ 30000 + 1 @ 30300
        h.Background(Side.Buy, "30500", "1");
        h.PlaceAndProcess(alice, h.Order(Side.Sell, "30500", "0.5", TimeInForce.Fok));
        var position = h.Account(alice).OpenPositions[Btc];
        Assert.Equal(30150m, position.EntryPrice);
        Assert.Equal(175m, position.RealizedPnl); // 0.5 × (30500 − 30150)
        Assert.Equal((Q("1.5"), Q("2"), Q("0.5")), (position.Size, position.SumOpen, position.SumClose));
    }
}
