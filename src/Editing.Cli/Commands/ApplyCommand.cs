using System.CommandLine;
using System.Text.Json;
using Editing.Host.Edits;

namespace Editing.Cli.Commands;

/// <summary>
/// <c>editing apply TIMELINE --tool ID --select ... [--param id=value]... -o OUT</c>: runs a tool on the selected
/// clips or gaps and writes the edited timeline with its media (in <c>OUT.media/</c>, each with a provenance sidecar).
/// </summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var timeline = new Argument<string>("timeline") { Description = "The timeline to edit (.otio, .otioz, .otiod); never modified unless --in-place." };
        var tool = new Option<string>("--tool") { Description = "The tool id (see 'editing tools list').", Required = true };
        var select = new Option<string[]>("--select")
        {
            Description = "Items to apply to (repeatable): NAME, name:NAME, glob:PATTERN, index:TRACK.ITEM, marker:NAME, marker-color:COLOR, range:IN-OUT, gaps, gap:N.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var param = new Option<string[]>("--param") { Description = "A parameter as id=value (repeatable); keyframes as id=0@0,0.8@48. See 'editing tools describe ID'." };
        var provider = new Option<string?>("--provider") { Description = "The model provider (default editing.previs)." };
        var model = new Option<string?>("--model") { Description = "The provider's model (default: the provider's first)." };
        var output = new Option<string?>("--output", "-o") { Description = "The timeline to write; media go to OUT.media/ next to it." };
        var inPlace = new Option<bool>("--in-place") { Description = "Write the result over the input timeline (atomically)." };
        var mediaDir = new Option<string?>("--media-dir") { Description = "Where generated media go (default OUT.media/)." };
        var variations = new Option<int>("--variations") { Description = "Run the tool N times with seeds seed, seed+1, ... and keep each result as a media reference." };
        var allowMissing = new Option<bool>("--allow-missing") { Description = "Generate from a slate when a clip's media is missing instead of refusing." };
        var codec = new Option<string>("--codec") { Description = "Delivery codec: prores-hq (default), prores-lt, prores-proxy, dnxhr-hq, dnxhr-sq, h264.", DefaultValueFactory = _ => "prores-hq" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Items processed in parallel (default: the core count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };
        var outOfProcess = new Option<bool>("--isolate") { Description = "Run built-in plugins in worker processes too." };
        var keepScratch = new Option<bool>("--keep-scratch") { Description = "Keep the per-item scratch folders (plugin debugging)." };
        var policy = new Option<string?>("--policy") { Description = "A studio policy file checked before any generation (default $EDITING_POLICY)." };
        var target = new Option<string?>("--target") { Description = "Write the timeline for the NLE that will import it: resolve (one media reference per clip, absolute paths, Resolve_OTIO metadata kept)." };
        var fallback = new Option<string[]>("--fallback") { Description = "Allow a named fallback when the model cannot do what the tool asks (repeatable): first-frame-only, image-to-video, text-to-video." };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither reuse nor store results in the result cache (also EDITING_NO_CACHE=1)." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "The result cache folder (default $EDITING_CACHE_DIR, else ~/.cache/editing)." };
        var cacheMax = new Option<string?>("--cache-max-size") { Description = "Evict least recently used results above this size, e.g. 20G (default $EDITING_CACHE_MAX_SIZE, else 20G)." };
        var noHistory = new Option<bool>("--no-history") { Description = "Do not journal this apply (no 'editing undo' for it)." };
        var cmd = new Command("apply", "Run a tool on selected clips or gaps and write the edited timeline with its generated media.")
        {
            timeline, tool, select, param, provider, model, output, inPlace, mediaDir, variations, allowMissing, codec, jobs, json, outOfProcess, keepScratch,
            policy, noHistory, noCache, cacheDir, cacheMax, target, fallback,
        };
        cmd.SetAction(parse => CliErrors.Run(() =>
        {
            var input = parse.GetValue(timeline)!;
            var outPath = parse.GetValue(output);
            if (parse.GetValue(inPlace))
            {
                if (outPath is not null && Path.GetFullPath(outPath) != Path.GetFullPath(input))
                {
                    throw new UsageException("--in-place and -o name different files; give one of them");
                }

                outPath = input;
            }
            else if (outPath is null)
            {
                throw new UsageException("give the output timeline with -o OUT (or --in-place to overwrite the input)");
            }
            else if (Path.GetFullPath(outPath) == Path.GetFullPath(input))
            {
                throw new UsageException($"-o {outPath} is the input timeline; use --in-place to overwrite it");
            }

            var request = new ApplyRequest
            {
                TimelinePath = input,
                OutputPath = outPath,
                ToolId = parse.GetValue(tool)!,
                Selections = parse.GetValue(select) ?? [],
                Parameters = parse.GetValue(param) ?? [],
                ProviderId = parse.GetValue(provider),
                ModelId = parse.GetValue(model),
                AllowMissing = parse.GetValue(allowMissing),
                Variations = parse.GetValue(variations),
                MediaDirectory = parse.GetValue(mediaDir),
                Codec = ParseCodec(parse.GetValue(codec)!),
                MaxParallelism = Math.Max(1, parse.GetValue(jobs)),
                KeepScratch = parse.GetValue(keepScratch),
                PolicyPath = parse.GetValue(policy),
                Journal = !parse.GetValue(noHistory),
                UseCache = !parse.GetValue(noCache),
                Target = parse.GetValue(target),
                Fallbacks = Fallbacks(parse.GetValue(fallback)),
                CacheDirectory = parse.GetValue(cacheDir),
                CacheMaxSize = parse.GetValue(cacheMax),
            };
            if (request.CacheMaxSize is { } size)
            {
                try
                {
                    Editing.Host.Caching.ResultCache.ParseSize(size);
                }
                catch (ArgumentException e)
                {
                    throw new UsageException($"--cache-max-size: {e.Message}");
                }
            }

            var asJson = parse.GetValue(json);
            return Async.Run(async ct =>
            {
                await using var session = HostSession.Open(parse.GetValue(outOfProcess));
                var runner = new ApplyRunner(session.Host, session.Media)
                {
                    Status = asJson ? null : line => Console.Error.WriteLine(line),
                };
                var report = await runner.RunAsync(request, ct).ConfigureAwait(false);
                Print(report, asJson);
                return ExitCodes.Ok;
            });
        }));
        return cmd;
    }

    private static string[] Fallbacks(string[]? names)
    {
        foreach (var name in names ?? [])
        {
            if (!Editing.Host.Providers.GenerationFallback.IsKnown(name))
            {
                throw new UsageException($"--fallback {name}: expected {string.Join(", ", Editing.Host.Providers.GenerationFallback.All)}");
            }
        }

        return names ?? [];
    }

    private static DeliveryCodec ParseCodec(string text) => DeliveryCodecs.TryParse(text, out var codec)
        ? codec
        : throw new UsageException($"--codec {text}: expected {string.Join(", ", DeliveryCodecs.Names)}");

    private static void Print(ApplyReport report, bool asJson)
    {
        if (asJson)
        {
            var options = new JsonSerializerOptions(Editing.Sdk.SdkJson.Options) { WriteIndented = true };
            Console.Out.WriteLine(JsonSerializer.Serialize(report, options));
            return;
        }

        var reuse = report.CacheHits > 0 ? $"; {report.CacheHits} result(s) reused from the cache, {report.ProviderCalls} provider call(s)" : "";
        Console.Out.WriteLine($"{report.Tool}{(report.Provider.Length > 0 ? " with " + report.Provider : "")}: {report.Items.Count} item(s) in {report.Seconds:0.0} s{reuse}");
        foreach (var item in report.Items)
        {
            Console.Out.WriteLine($"  {item.Item}: {string.Join("; ", item.Edits)}");
            foreach (var m in item.Media)
            {
                Console.Out.WriteLine($"    {Path.GetRelativePath(Environment.CurrentDirectory, m.Path)}  {m.Frames} frames from {m.StartTimecode}{(m.Seed is { } s ? $", seed {s}" : "")}");
            }
        }

        foreach (var w in report.Warnings)
        {
            Console.Out.WriteLine($"  warning: {w}");
        }

        Console.Out.WriteLine($"wrote {report.OutputPath}");
    }
}
