using System.CommandLine;
using Editing.Cli.Commands;

namespace Editing.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("editing: read, inspect, validate and convert OpenTimelineIO timelines (.otio, .otioz, .otiod)");
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(ConvertCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
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
