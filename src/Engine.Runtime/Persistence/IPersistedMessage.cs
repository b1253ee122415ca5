namespace Engine.Runtime.Persistence;

/// <summary>Marker for runtime types that are journaled or snapshotted; bound to <see cref="EngineSerializer"/> in HOCON.</summary>
public interface IPersistedMessage;
