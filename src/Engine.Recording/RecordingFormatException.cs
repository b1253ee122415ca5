namespace Engine.Recording;

/// <summary>A recording that cannot be read at all (wrong magic, unreadable stream). Names the file and line.</summary>
public sealed class RecordingFormatException(string message) : Exception(message);
