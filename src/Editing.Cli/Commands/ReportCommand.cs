using System.CommandLine;
using Editing.Host.Provenance;
using Editing.Otio;
using Editing.Otio.Schema;

namespace Editing.Cli.Commands;

/// <summary>
/// <c>editing report TIMELINE [--format md|html|csv|json] [-o FILE]</c>: the AI-disclosure report (every generated or
/// partly generated segment with record timecodes and totals per track).
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var timeline = new Argument<string>("timeline") { Description = "The timeline (.otio, .otioz, .otiod)." };
        var format = new Option<string>("--format", "-f") { Description = "md (default), html (with thumbnails), csv or json.", DefaultValueFactory = _ => "md" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file (atomically) instead of standard output." };
        var cmd = new Command("report", "AI-disclosure report: every generated or partly generated segment (record timecodes, track, shot, tool, model, training data, prompt, seed) and the generated share of each track.")
        {
            timeline, format, output,
        };
        cmd.SetAction(parse => CliErrors.Run(() =>
        {
            var path = parse.GetValue(timeline)!;
            var fmt = parse.GetValue(format)!.ToLowerInvariant();
            if (!DisclosureReport.Formats.Contains(fmt))
            {
                throw new UsageException($"--format {fmt}: expected {string.Join(", ", DisclosureReport.Formats)}");
            }

            var root = TimelineFile.Read(path);
            var tl = root as Timeline ?? throw new UsageException($"{path}: the file holds a {root.SchemaName}, not a Timeline");
            var inventory = GeneratedInventory.Of(tl, path);
            return Async.Run(async ct =>
            {
                var target = parse.GetValue(output);
                if (target is null)
                {
                    await DisclosureReport.WriteAsync(inventory, fmt, Console.Out, ct).ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                var full = Path.GetFullPath(target);
                var temp = full + $".tmp-{Environment.ProcessId}";
                try
                {
                    await using (var writer = new StreamWriter(temp, false, new System.Text.UTF8Encoding(false)))
                    {
                        await DisclosureReport.WriteAsync(inventory, fmt, writer, ct).ConfigureAwait(false);
                    }

                    File.Move(temp, full, overwrite: true);
                }
                finally
                {
                    File.Delete(temp);
                }

                Console.Error.WriteLine($"wrote {full}: {inventory.Segments.Count} generated segment(s)");
                return ExitCodes.Ok;
            });
        }));
        return cmd;
    }
}
