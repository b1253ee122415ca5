using System.CommandLine;
using Engine.Cli.Commands;

var root = new RootCommand("Market-making engine for dYdX v3 perpetuals: simulate strategies on recorded feeds, inspect recordings.");
root.Subcommands.Add(SimCommand.Create());
root.Subcommands.Add(RecordingCommand.Create());
root.Subcommands.Add(BookCommand.Create());
return await root.Parse(args).InvokeAsync();
