using System.CommandLine;
using System.Text.Json;
using Editing.Host.Provenance;
using Editing.Otio;
using Editing.Otio.Schema;

namespace Editing.Cli.Commands;

/// <summary>
/// <c>editing verify TIMELINE [--json]</c>: re-hashes every generated media file against its provenance record. Exit 0
/// when all match, 3 when any is modified, missing or unrecorded.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var timeline = new Argument<string>("timeline") { Description = "The timeline (.otio, .otioz, .otiod)." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var cmd = new Command("verify", "Re-hash the timeline's generated media against their provenance records; report modified, missing and unrecorded media (exit 3 if any).")
        {
            timeline, json,
        };
        cmd.SetAction(parse => CliErrors.Run(() =>
        {
            var path = parse.GetValue(timeline)!;
            var root = TimelineFile.Read(path);
            var tl = root as Timeline ?? throw new UsageException($"{path}: the file holds a {root.SchemaName}, not a Timeline");
            return Async.Run(async ct =>
            {
                var results = await MediaVerifier.VerifyAsync(tl, path, ct).ConfigureAwait(false);
                var bad = results.Count(r => r.Status != VerifyStatus.Ok);
                if (parse.GetValue(json))
                {
                    var doc = new
                    {
                        file = Path.GetFullPath(path),
                        ok = bad == 0,
                        media = results.Select(r => new
                        {
                            clip = r.Clip,
                            where = r.Where,
                            reference = r.ReferenceKey,
                            media = r.MediaPath,
                            provenance = r.ProvenancePath,
                            status = r.Status.ToString().ToLowerInvariant(),
                            detail = r.Detail,
                        }),
                    };
                    Console.Out.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
                }
                else
                {
                    foreach (var r in results)
                    {
                        var line = $"{r.Status.ToString().ToLowerInvariant(),-10} {r.Where} {r.Clip} [{r.ReferenceKey}] {r.MediaPath}: {r.Detail}";
                        (r.Status == VerifyStatus.Ok ? Console.Out : Console.Error).WriteLine(line);
                    }

                    var counts = string.Join(", ", Enum.GetValues<VerifyStatus>().Select(s => $"{results.Count(r => r.Status == s)} {s.ToString().ToLowerInvariant()}"));
                    Console.Out.WriteLine($"{path}: {results.Count} generated media file(s): {counts}");
                }

                await Task.CompletedTask.ConfigureAwait(false);
                return bad == 0 ? ExitCodes.Ok : ExitCodes.PolicyRefused;
            });
        }));
        return cmd;
    }
}
