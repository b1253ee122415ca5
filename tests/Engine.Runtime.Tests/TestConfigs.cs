using Akka.Configuration;
using Engine.Runtime.Hosting;

namespace Engine.Runtime.Tests;

/// <summary>Actor-system configurations for tests: the engine's own HOCON with an in-memory or a SQLite-file journal.</summary>
internal static class TestConfigs
{
    public static Config InMemory => ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        # Serialize everything that is persisted even in memory, so tests exercise the real serializer.
        akka.actor.serialize-messages = off
        """).WithFallback(EngineConfig.Load());

    public static Config SqliteFile(string dataDir) =>
        ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(EngineConfig.ForActorSystem(EngineConfig.Load(), dataDir));

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "engine-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

/// <summary>Reports on the caller's thread at once (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class ImmediateProgress(Action<double> report) : IProgress<double>
{
    public void Report(double value) => report(value);
}
