namespace Engine.Runtime.Hosting;

/// <summary>Bad configuration: says which file and key, what is wrong, and how to fix it. Stops start-up.</summary>
public sealed class ConfigurationException(string file, string key, string problem, string fix)
    : Exception($"{file}: {key}: {problem}. Fix: {fix}")
{
    public string File { get; } = file;
    public string Key { get; } = key;
}
