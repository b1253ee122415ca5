using System.CommandLine;
using Engine.Runtime.Reports;
using Engine.Runtime.Simulation;
using Spectre.Console;

namespace Engine.Cli.Commands;

/// <summary>`engine sim`: one simulation through the actor pipeline, a report on screen and files in --out.</summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var recording = new Option<string>("--recording") { Description = "Recording file (engine format, optionally .gz)", Required = true };
        var strategy = new Option<string>("--strategy") { Description = "Strategy HOCON file, e.g. hocon/strategies/default.conf", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed for the simulation's random models (recorded in the report)", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out") { Description = "Folder for summary.json, fills.csv and performance.json (default: <data-dir>/runs/<run-id>)" };
        var config = new Option<string[]>("--config") { Description = "Extra HOCON files over hocon/engine.conf (later wins)", AllowMultipleArgumentsPerToken = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder for the SQLite journal (default: engine.data-dir, i.e. ./data)" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar" };

        var command = new Command("sim", "Simulate the strategy over a recorded v3 feed and report P&L") { recording, strategy, seed, output, config, dataDir, quiet };
        command.SetAction((parse, cancellation) => CliErrors.Guard(async () =>
        {
            var request = new SimulationRequest(
                parse.GetValue(recording)!, parse.GetValue(strategy)!, parse.GetValue(seed),
                OutputDir: parse.GetValue(output), ConfigFiles: parse.GetValue(config) ?? [], DataDir: parse.GetValue(dataDir));

            SimulationResult result;
            if (!parse.GetValue(quiet) && AnsiConsole.Profile.Capabilities.Interactive)
            {
                result = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask($"simulating {Path.GetFileName(request.RecordingPath)}", maxValue: 1.0);
                        return await SimulationRunner.RunAsync(request, new Progress<double>(p => task.Value = p), cancellation);
                    });
            }
            else
            {
                result = await SimulationRunner.RunAsync(request, null, cancellation);
            }
            ReportView.Print(result.Report, result.Performance, result.OutputDir);
            return 0;
        }));
        return command;
    }
}
