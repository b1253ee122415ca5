using Config = Akka.Configuration.Config;
using Engine.Runtime.Hosting;

namespace Engine.Runtime.Signing;

/// <summary>
/// Reads the v3 credentials from the environment (DYDX_API_KEY, DYDX_API_SECRET, DYDX_API_PASSPHRASE,
/// DYDX_STARK_PRIVATE_KEY) or, when engine.dydx.credentials.file (or DYDX_CREDENTIALS_FILE) names one, from a HOCON
/// file that only its owner may read (mode 0600). Never from the main configuration, which is not secret.
/// </summary>
public static class CredentialsLoader
{
    private const string Section = "engine.dydx.credentials";
    private static readonly string[] EnvironmentNames = ["DYDX_API_KEY", "DYDX_API_SECRET", "DYDX_API_PASSPHRASE", "DYDX_STARK_PRIVATE_KEY"];

    public static DydxCredentials Load(Config config, string configFile)
    {
        var reader = new HoconReader(config, configFile, Section);
        int accountNumber = reader.Int("account-number", 0, int.MaxValue);
        string? file = Environment.GetEnvironmentVariable("DYDX_CREDENTIALS_FILE") is { Length: > 0 } env ? env
            : reader.Has("file") && reader.String("file") is { Length: > 0 } configured ? configured : null;
        if (file is not null) return FromFile(file, accountNumber);

        var values = EnvironmentNames.Select(Environment.GetEnvironmentVariable).ToArray();
        if (values.All(v => !string.IsNullOrEmpty(v)))
            return new DydxCredentials(values[0]!, values[1]!, values[2]!, values[3]!, accountNumber);
        var missing = EnvironmentNames.Where((_, i) => string.IsNullOrEmpty(values[i]));
        throw new ConfigurationException(configFile, $"{Section}.file", $"no credentials: {string.Join(", ", missing)} not set and no credentials file",
            $"export {string.Join(", ", EnvironmentNames)}, or name a 0600 HOCON file with api-key, api-secret, passphrase and stark-private-key in {Section}.file");
    }

    private static DydxCredentials FromFile(string file, int accountNumber)
    {
        if (!File.Exists(file))
            throw new ConfigurationException(file, $"{Section}.file", "the credentials file does not exist", "create it (mode 0600) or correct the path");
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(file);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                                        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & others) != 0)
                throw new ConfigurationException(file, $"{Section}.file", $"the credentials file is readable by others (mode {Convert.ToString((int)mode, 8)})", $"chmod 600 {file}");
        }
        Config parsed;
        try { parsed = EngineConfig.ParseFile(file); }
        catch (ConfigurationException)
        {
            // The parser's message may quote the file's text, i.e. a secret: say only where to look.
            throw new ConfigurationException(file, $"{Section}.file", "the credentials file is not valid HOCON", "write api-key = \"...\" style lines");
        }
        var secrets = new HoconReader(parsed, file);
        return new DydxCredentials(secrets.String("api-key"), secrets.String("api-secret"), secrets.String("passphrase"), secrets.String("stark-private-key"), accountNumber);
    }
}
