using Engine.Recording;

namespace Engine.Runtime.Pipeline;

/// <summary>A batch of raw v3 frames for one market, as received (live) or recorded (simulation).</summary>
public sealed record MarketFrames(string Market, FrameBatch Batch);
