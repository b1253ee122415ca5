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
        var recording = new Option<string?>("--recording") { Description = "Recording file (engine format, optionally .gz)" };
        var strategy = new Option<string?>("--strategy") { Description = "Strategy HOCON file, e.g. hocon/strategies/default.conf" };
        var runId = new Option<string?>("--run-id") { Description = "Name of the run (default: time and a random suffix); its journal and files are kept under it" };
        var resume = new Option<string?>("--resume") { Description = "Resume an interrupted run by its id: same recording, strategy and seed, same final report" };
        var seed = new Option<ulong>("--seed") { Description = "Seed for the simulation's random models (recorded in the report)", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out") { Description = "Folder for summary.json, fills.csv and performance.json (default: <data-dir>/runs/<run-id>)" };
        var config = new Option<string[]>("--config") { Description = "Extra HOCON files over hocon/engine.conf (later wins)", AllowMultipleArgumentsPerToken = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder for the SQLite journal (default: engine.data-dir, i.e. ./data)" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar" };

        var command = new Command("sim", "Simulate the strategy over a recorded v3 feed and report P&L") { recording, strategy, seed, output, config, dataDir, quiet, runId, resume };
        command.Validators.Add(result =>
        {
            bool resuming = result.GetValue(resume) is not null;
            if (resuming && (result.GetValue(recording) is not null || result.GetValue(strategy) is not null || result.GetValue(runId) is not null))
                result.AddError("--resume takes the recording, strategy and seed of the run being resumed; give only --resume (and --data-dir)");
            else if (!resuming && (result.GetValue(recording) is null || result.GetValue(strategy) is null))
                result.AddError("give --recording and --strategy for a new run, or --resume RUN-ID to continue an interrupted one");
        });
        command.SetAction((parse, cancellation) => CliErrors.Guard(async () =>
        {
            string? resumeId = parse.GetValue(resume);
            var request = new SimulationRequest(
                parse.GetValue(recording) ?? "", parse.GetValue(strategy) ?? "", parse.GetValue(seed),
                OutputDir: parse.GetValue(output), ConfigFiles: parse.GetValue(config) ?? [], DataDir: parse.GetValue(dataDir), RunId: parse.GetValue(runId));
            Task<SimulationResult> Run(IProgress<double>? progress) => resumeId is null
                ? SimulationRunner.RunAsync(request, progress, cancellation)
                : SimulationRunner.ResumeAsync(resumeId, request.DataDir, progress, cancellation);

            SimulationResult result;
            if (!parse.GetValue(quiet) && AnsiConsole.Profile.Capabilities.Interactive)
            {
                result = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask(resumeId is null ? $"simulating {Path.GetFileName(request.RecordingPath)}" : $"resuming {resumeId}", maxValue: 1.0);
                        return await Run(new Progress<double>(p => task.Value = p));
                    });
            }
            else
            {
                result = await Run(null);
            }
            ReportView.Print(result.Report, result.Performance, result.OutputDir);
            return 0;
        }));
        return command;
    }
}
