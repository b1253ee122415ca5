namespace Engine.Runtime.Pipeline;

/// <summary>
/// Fault injection: the receiving actor throws, so supervision can be exercised by tests and by the sandbox's
/// chaos options. Carries the reason so logs say why.
/// </summary>
public sealed record SimulateFailure(string Reason);

/// <summary>The exception <see cref="SimulateFailure"/> raises.</summary>
public sealed class InjectedFailureException(string reason) : Exception($"injected failure: {reason}");
