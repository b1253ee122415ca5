namespace Engine.Stark.Orders;

/// <summary>An order that cannot be expressed as a StarkEx limit order (the message says which field and why).</summary>
public sealed class StarkOrderException(string message) : Exception(message);
