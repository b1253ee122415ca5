using System.CommandLine;
using Engine.Cli.Commands;

var root = new RootCommand("Market-making engine for dYdX v3 perpetuals: simulate strategies on recorded feeds, inspect recordings, sign v3 orders.");
root.Subcommands.Add(SimCommand.Create());
root.Subcommands.Add(RecordingCommand.Create());
root.Subcommands.Add(BookCommand.Create());
root.Subcommands.Add(DydxCommand.Create());
root.Subcommands.Add(SandboxCommand.Create());
root.Subcommands.Add(PaperCommand.Create());
root.Subcommands.Add(LiveCommand.Create());
return await root.Parse(args).InvokeAsync();
