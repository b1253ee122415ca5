namespace Engine.Stark.Signing;

/// <summary>
/// A message that StarkEx cannot accept a signature for (hash ≥ 2^251, or one of the ~2^-55-probability range
/// failures of r, w or R.x). The cure is a different message, e.g. a new clientId for an order.
/// </summary>
public sealed class StarkSigningException(string message) : Exception(message);
