namespace Engine.Stark.Orders;

public enum StarkOrderSide
{
    Buy,
    Sell,
}
