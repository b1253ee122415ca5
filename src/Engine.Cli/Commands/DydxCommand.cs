using System.CommandLine;
using Akka.Actor;
using Akka.Configuration;
using Engine.Runtime.Hosting;
using Engine.Runtime.Signing;
using Engine.Stark.Cli;

namespace Engine.Cli.Commands;

/// <summary>`engine dydx`: STARK tools — sign orders in bulk, show the configured account's STARK public key.</summary>
internal static class DydxCommand
{
    public static Command Create()
    {
        var command = new Command("dydx", "dYdX v3 STARK tools");
        command.Subcommands.Add(SignOrder());
        command.Subcommands.Add(PublicKey());
        return command;
    }

    private static Command SignOrder()
    {
        var threads = new Option<int>("--threads") { Description = "Signing threads (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("sign-order",
            "Read orders as JSON lines on stdin (networkId, starkPrivateKey, positionId, market, side, size, price, limitFee, clientId, expiration) " +
            "and write one JSON line per order, in input order: {\"hash\",\"signature\"} or {\"error\"}")
        { threads };
        command.SetAction(async (parse, _) =>
        {
            int n = parse.GetValue(threads);
            if (n < 1)
            {
                await Console.Error.WriteLineAsync("--threads must be at least 1");
                return CliErrors.InputError;
            }
            using var stdin = new StreamReader(Console.OpenStandardInput(), bufferSize: 1 << 16);
            await using var stdout = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false };
            int errors = SignOrderLines.SignStream(stdin, stdout, n);
            if (errors == 0) return 0;
            await Console.Error.WriteLineAsync($"{errors} order(s) could not be signed; see their \"error\" lines");
            return CliErrors.RunFailed;
        });
        return command;
    }

    private static Command PublicKey()
    {
        var config = new Option<string[]>("--config") { Description = "Extra HOCON files over hocon/engine.conf (later wins)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("public-key",
            "Print the STARK public key of the configured private key (DYDX_STARK_PRIVATE_KEY or engine.dydx.credentials.file), " +
            "to check it against the account's starkKey before trading")
        { config };
        command.SetAction((parse, _) => CliErrors.Guard(async () =>
        {
            var engineConfig = EngineConfig.Load(parse.GetValue(config) ?? []);
            var credentials = CredentialsLoader.Load(engineConfig, "hocon/engine.conf");
            // Only the signer holds the key, here as in a live run: ask it.
            var props = SignerActor.Props(credentials);
            using var system = ActorSystem.Create("dydx-tools", ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING"));
            var signer = system.ActorOf(props, "signer");
            var key = await signer.Ask<StarkPublicKeyIs>(GetStarkPublicKey.Instance, TimeSpan.FromSeconds(10));
            Console.WriteLine(key.Hex);
            await system.Terminate();
            return 0;
        }));
        return command;
    }
}
