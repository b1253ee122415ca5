using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace Engine.Runtime.Simulation;

/// <summary>
/// SQLite journals run in WAL mode (twice the write throughput of the rollback journal). Microsoft.Data.Sqlite
/// has no connection-string keyword for it, and the setting is sticky in the file, so it is set once up front.
/// </summary>
public static class SqliteSetup
{
    public static void EnableWriteAheadLog(Config actorSystemConfig)
    {
        const string key = "akka.persistence.journal.sql";
        if (!actorSystemConfig.GetString($"{key}.provider-name", "").StartsWith("SQLite", StringComparison.OrdinalIgnoreCase)) return;
        string connectionString = actorSystemConfig.GetString($"{key}.connection-string");
        var builder = new SqliteConnectionStringBuilder(connectionString);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (dir is not null) Directory.CreateDirectory(dir);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
