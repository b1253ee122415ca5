using Akka.Configuration;
using Akka.Persistence.Sql;

namespace Engine.Runtime.Hosting;

/// <summary>
/// Loads the engine's HOCON: hocon/engine.conf shipped next to the binaries, then each --config file on top
/// (later wins), then the plugins' reference configuration. Only this class knows where files live.
/// </summary>
public static class EngineConfig
{
    public const string DataDirPlaceholder = "{data-dir}";

    public static string HoconDirectory
    {
        get
        {
            string beside = Path.Combine(AppContext.BaseDirectory, "hocon");
            return Directory.Exists(beside) ? beside : Path.Combine(Directory.GetCurrentDirectory(), "hocon");
        }
    }

    public static string DefaultStrategyFile => Path.Combine(HoconDirectory, "strategies", "default.conf");

    /// <summary>Engine configuration with overrides applied; throws <see cref="ConfigurationException"/> naming the file.</summary>
    public static Config Load(IEnumerable<string>? overrideFiles = null)
    {
        string baseFile = Path.Combine(HoconDirectory, "engine.conf");
        Config config = ParseFile(baseFile);
        foreach (var file in overrideFiles ?? [])
            config = ParseFile(file).WithFallback(config);
        return config;
    }

    public static Config ParseFile(string file)
    {
        if (!System.IO.File.Exists(file))
            throw new ConfigurationException(file, "(file)", "file not found", "pass an existing HOCON file");
        try
        {
            return ConfigurationFactory.ParseString(System.IO.File.ReadAllText(file));
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            throw new ConfigurationException(file, "(syntax)", e.Message, "correct the HOCON syntax at the position named");
        }
    }

    /// <summary>
    /// The configuration the ActorSystem gets: data directory substituted into connection strings, SQL
    /// persistence reference config as fallback (without it the plugin cannot start).
    /// </summary>
    public static Config ForActorSystem(Config config, string dataDir)
    {
        string absolute = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(absolute);
        string Substitute(string key) => config.GetString(key, "").Replace(DataDirPlaceholder, absolute, StringComparison.Ordinal);
        string journal = Substitute("akka.persistence.journal.sql.connection-string");
        string snapshots = Substitute("akka.persistence.snapshot-store.sql.connection-string");
        // A PostgreSQL password belongs in the environment, not in a file in the repository.
        if (Environment.GetEnvironmentVariable("ENGINE_PG_CONNECTION") is { Length: > 0 } pg &&
            config.GetString("akka.persistence.journal.sql.provider-name", "").StartsWith("PostgreSQL", StringComparison.OrdinalIgnoreCase))
            journal = snapshots = pg;
        var resolved = ConfigurationFactory.ParseString(
            $"akka.persistence.journal.sql.connection-string = {Quote(journal)}\n" +
            $"akka.persistence.snapshot-store.sql.connection-string = {Quote(snapshots)}\n");
        return resolved.WithFallback(config).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
