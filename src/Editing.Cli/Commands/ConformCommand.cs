using System.CommandLine;
using Editing.Conform;
using Editing.Conform.Jobs;
using Editing.Conform.Reports;
using Editing.Interchange.Edl;
using Editing.Interchange.Fcp7;
using Editing.Otio;

namespace Editing.Cli.Commands;

/// <summary>
/// <c>editing conform TIMELINE --search DIR... [--rules FILE] [--handles N] [--json] -o OUT</c> and
/// <c>editing conform --job JOBS.json [--json]</c>: relink media by file name, reel and timecode or clip-name pattern,
/// version up, check rate, timecode and handles; exit 0 when every shot conformed, 5 when some failed (the output is
/// written either way), 2 for bad input. See <c>docs/conform.md</c>.
/// </summary>
/// <remarks>Public so that the conform tests can run the command in process with their own output writers.</remarks>
public static class ConformCommand
{
    /// <summary>The command, writing to the console.</summary>
    public static Command Create() => Create(Console.Out, Console.Error);

    /// <summary>The command, writing its report to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var timeline = new Argument<string?>("timeline")
        {
            Description = "The timeline to conform (.otio, .otioz, .otiod); never modified. Not with --job.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var search = new Option<string[]>("--search")
        {
            Description = "Folders searched recursively for media (repeatable, or several after one --search).",
            AllowMultipleArgumentsPerToken = true,
        };
        var rules = new Option<string?>("--rules") { Description = "A rules file (JSON): name patterns, version pattern, reel aliases, extensions, version policy. See docs/conform.md." };
        var handles = new Option<int>("--handles") { Description = "Frames of handle the media must cover before and after each used range (time warps counted).", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (schema editing.conform/1, or editing.conform-jobs/1 with --job)." };
        var outputPath = new Option<string?>("--output", "-o") { Description = "The conformed timeline to write (atomically); its extension picks the format." };
        var job = new Option<string?>("--job") { Description = "A job file (JSON list of jobs: timeline, search, rules, handles, output; relative paths from the job file's folder). Exit code: the worst job's." };
        var cmd = new Command("conform", "Relink a timeline's media by file name, reel + timecode or name pattern, version up VFX shots, and check rate, timecode and handles.")
        {
            timeline, search, rules, handles, json, outputPath, job,
        };
        cmd.SetAction(parse => Run(output, error, () =>
        {
            var asJson = parse.GetValue(json);
            // Cuts arrive as OTIO, CMX 3600 EDL or FCP 7 XML (by extension).
            var runner = new ConformRunner
            {
                ReadTimeline = p => Path.GetExtension(p).ToLowerInvariant() switch
                {
                    ".edl" => CmxEdl.ReadFile(p, EdlReadOptions.Default),
                    ".xml" => Fcp7Xml.ReadFile(p),
                    _ => TimelineFile.Read(p),
                },
            };
            if (parse.GetValue(job) is { } jobFile)
            {
                if (parse.GetValue(timeline) is not null || parse.GetValue(outputPath) is not null || parse.GetValue(rules) is not null
                    || (parse.GetValue(search)?.Length ?? 0) > 0 || parse.GetResult(handles) is { Implicit: false })
                {
                    throw new UsageException("--job takes the timelines, search folders, rules, handles and outputs from the job file; give only --job (and --json)");
                }
                return Async.Run(async ct =>
                {
                    var report = await ConformJobRunner.RunAsync(jobFile, runner, asJson ? null : r => error.WriteLine($"editing: job {r.Name}: exit {r.ExitCode}"), ct).ConfigureAwait(false);
                    if (asJson)
                    {
                        output.WriteLine(ConformReportJson.ToJson(report));
                    }
                    else
                    {
                        ConformReportText.Write(output, report);
                    }
                    return report.ExitCode;
                });
            }

            var input = parse.GetValue(timeline) ?? throw new UsageException("give the timeline to conform (or --job FILE)");
            var outPath = parse.GetValue(outputPath) ?? throw new UsageException("give the output timeline with -o OUT (the input is never modified)");
            var folders = parse.GetValue(search) ?? [];
            if (folders.Length == 0)
            {
                throw new UsageException("give at least one --search folder");
            }
            var frames = parse.GetValue(handles);
            if (frames < 0)
            {
                throw new UsageException($"--handles {frames}: give 0 or more frames");
            }
            if (string.Equals(Path.GetFullPath(input), Path.GetFullPath(outPath), StringComparison.Ordinal))
            {
                throw new UsageException($"-o {outPath} is the input timeline; write to another file (the input is never modified)");
            }
            var request = new ConformRequest
            {
                TimelinePath = input,
                SearchDirectories = folders,
                RulesPath = parse.GetValue(rules),
                Handles = frames,
                OutputPath = outPath,
            };
            return Async.Run(async ct =>
            {
                var report = await runner.RunAsync(request, ct).ConfigureAwait(false);
                if (asJson)
                {
                    output.WriteLine(ConformReportJson.ToJson(report));
                }
                else
                {
                    ConformReportText.Write(output, report);
                }
                return report.ExitCode;
            });
        }));
        return cmd;
    }

    /// <summary>
    /// Maps the conform's errors to the exit codes <see cref="CliErrors"/> uses, with one line on
    /// <paramref name="error"/> naming the file and place (written here rather than through CliErrors, which prints to
    /// the console, so that the command can run with other writers).
    /// </summary>
    private static int Run(TextWriter output, TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ConformInputException e)
        {
            error.WriteLine($"editing: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Editing.Otio.OtioException e)
        {
            error.WriteLine($"editing: {e.Message}");
            return e.Kind == Editing.Otio.OtioErrorKind.FileWriteFailed ? ExitCodes.ToolFailed : ExitCodes.BadInput;
        }
        catch (UsageException e)
        {
            error.WriteLine($"editing: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("editing: cancelled");
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"editing: {e.Message}");
            return ExitCodes.BadInput;
        }
        finally
        {
            output.Flush();
            error.Flush();
        }
    }
}
