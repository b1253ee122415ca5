using Engine.Core.Primitives;

namespace Engine.Sandbox.Exchange.Matching;

/// <summary>The absolute size of other participants at one price (0 = none), as the feed states it.</summary>
public readonly record struct BackgroundLevel(Side Side, Price Price, Quantity Size);
