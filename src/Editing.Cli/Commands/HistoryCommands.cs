using System.CommandLine;
using System.Globalization;
using Editing.Host.Provenance;

namespace Editing.Cli.Commands;

/// <summary><c>editing history TIMELINE [--json]</c> and <c>editing undo TIMELINE</c>: the journal of applies that
/// wrote a timeline, and restoring the version before the last one.</summary>
internal static class HistoryCommands
{
    public static Command CreateHistory()
    {
        var timeline = new Argument<string>("timeline") { Description = "The timeline whose journal to list." };
        var json = new Option<bool>("--json") { Description = "Print the journal entries as JSON lines." };
        var cmd = new Command("history", "List the applies (and undos) that wrote a timeline: who, when, what, inputs, outputs.") { timeline, json };
        cmd.SetAction(parse => CliErrors.Run(() =>
        {
            var journal = EditJournal.For(parse.GetValue(timeline)!);
            var entries = journal.ReadAll();
            if (parse.GetValue(json))
            {
                foreach (var e in entries)
                {
                    Console.Out.WriteLine(e.Json.ToJsonString());
                }

                return ExitCodes.Ok;
            }

            if (entries.Count == 0)
            {
                Console.Out.WriteLine($"{journal.TimelinePath}: no history (no apply has written it)");
                return ExitCodes.Ok;
            }

            var undone = entries.Where(e => e.Undoes is not null).Select(e => e.Undoes!.Value).ToHashSet();
            foreach (var e in entries)
            {
                var when = e.When.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                var mark = undone.Contains(e.Sequence) ? "  (undone)" : "";
                Console.Out.WriteLine($"#{e.Sequence,-3} {when}  {e.Who,-12} {e.Action,-5} {e.Summary}{mark}");
                if (e.Json["items"] is System.Text.Json.Nodes.JsonArray items)
                {
                    foreach (var item in items)
                    {
                        var media = item?["media"] is System.Text.Json.Nodes.JsonArray m ? m.Count : 0;
                        Console.Out.WriteLine($"       {item?["item"]}: {media} media file(s)");
                    }
                }
            }

            return ExitCodes.Ok;
        }));
        return cmd;
    }

    public static Command CreateUndo()
    {
        var timeline = new Argument<string>("timeline") { Description = "The timeline to restore." };
        var cmd = new Command("undo", "Restore the timeline as it was before the last apply, byte for byte (the current version is kept in its history folder).") { timeline };
        cmd.SetAction(parse => CliErrors.Run(() =>
        {
            var journal = EditJournal.For(parse.GetValue(timeline)!);
            var entry = journal.Undo(Environment.UserName);
            Console.Out.WriteLine($"{journal.TimelinePath}: {entry.Summary}");
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
