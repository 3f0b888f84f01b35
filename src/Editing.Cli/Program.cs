using System.CommandLine;
using Editing.Cli.Commands;

namespace Editing.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("editing: extend, fill and replace clips of OpenTimelineIO timelines with generated media; inspect, validate and convert timelines");
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(ConvertCommand.Create());
        root.Subcommands.Add(ConformCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(ApplyCommand.Create());
        root.Subcommands.Add(ToolsCommand.Create());
        root.Subcommands.Add(PluginsCommand.Create());
        root.Subcommands.Add(ProvidersCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(HistoryCommands.CreateHistory());
        root.Subcommands.Add(HistoryCommands.CreateUndo());
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                Console.Error.WriteLine($"editing: {e.Message}");
            }
            Console.Error.WriteLine("Run 'editing --help' for usage.");
            return ExitCodes.Usage;
        }
        return parse.Invoke();
    }
}
