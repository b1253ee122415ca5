namespace Engine.Sandbox.Exchange.Orders;

/// <summary>Work accepted synchronously and carried out by the matcher at the next processing step, in arrival order.</summary>
internal abstract record PendingCommand;

/// <summary>Place an accepted (PENDING) order, first cancelling <see cref="CancelId"/> if it is still active.</summary>
internal sealed record PlaceCommand(SandboxOrder Order, string? CancelId) : PendingCommand;

internal sealed record CancelCommand(SandboxOrder Order) : PendingCommand;
