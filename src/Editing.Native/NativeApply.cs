using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Host.Edits;
using Editing.Otio;
using Editing.Otio.Schema;
using Editing.Sdk;

namespace Editing.Native;

/// <summary>
/// <c>editing_apply</c>: a JSON request (the options of <c>editing apply</c>) in, the JSON report
/// (<c>editing apply --json</c>) out, with progress reported to a C callback and cancellation from a token or from
/// the callback's return value.
/// </summary>
internal static unsafe class NativeApply
{
    private static readonly JsonSerializerOptions ReportJson = new(SdkJson.Options) { WriteIndented = true };

    private static readonly string[] Keys =
    [
        "timeline", "output", "tool", "select", "params", "provider", "model", "variations", "allow_missing",
        "media_dir", "codec", "jobs", "keep_scratch",
    ];

    public static string Run(NativeSession session, string json, delegate* unmanaged<double, byte*, void*, int> progress, void* user, CancellationToken external)
    {
        var request = ReadRequest(json);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(external);
        var reporter = new ProgressReporter(progress, user, cts, CountUnits(request));
        reporter.Report(0, "validating the request");
        var runner = new ApplyRunner(session.Host, session.Media) { Status = reporter.Started };
        cts.Token.ThrowIfCancellationRequested();
        var report = runner.RunAsync(request, cts.Token).GetAwaiter().GetResult();
        reporter.Report(1, $"wrote {report.OutputPath}");
        return JsonSerializer.Serialize(report, ReportJson);
    }

    /// <summary>
    /// Reads the request. Keys: <c>timeline</c>, <c>output</c>, <c>tool</c>, <c>select</c> (array of
    /// <c>--select</c> expressions) required; <c>params</c> (object of id → value text or number, or array of
    /// <c>id=value</c>), <c>provider</c>, <c>model</c>, <c>variations</c>, <c>allow_missing</c>, <c>media_dir</c>,
    /// <c>codec</c>, <c>jobs</c>, <c>keep_scratch</c> optional. Relative paths resolve against the process's current
    /// folder.
    /// </summary>
    public static ApplyRequest ReadRequest(string json)
    {
        var o = NativeJson.Parse(json, "apply request");
        foreach (var (key, _) in o)
        {
            if (!Keys.Contains(key))
            {
                throw new NativeArgumentException($"apply request: unknown key \"{key}\" (known: {string.Join(", ", Keys)})");
            }
        }

        var timeline = String(o, "timeline") ?? throw Missing("timeline");
        var output = String(o, "output") ?? throw Missing("output");
        if (string.Equals(Path.GetFullPath(output), Path.GetFullPath(timeline), StringComparison.Ordinal))
        {
            throw new NativeArgumentException($"apply request: \"output\" {output} is the input timeline; write to another file");
        }

        return new ApplyRequest
        {
            TimelinePath = timeline,
            OutputPath = output,
            ToolId = String(o, "tool") ?? throw Missing("tool"),
            Selections = Strings(o, "select") is { Count: > 0 } s ? s : throw Missing("select"),
            Parameters = Parameters(o),
            ProviderId = String(o, "provider"),
            ModelId = String(o, "model"),
            Variations = Integer(o, "variations") ?? 0,
            AllowMissing = Boolean(o, "allow_missing"),
            MediaDirectory = String(o, "media_dir"),
            Codec = String(o, "codec") is { } codec ? ParseCodec(codec) : DeliveryCodec.ProRes422HQ,
            MaxParallelism = Math.Max(1, Integer(o, "jobs") ?? Environment.ProcessorCount),
            KeepScratch = Boolean(o, "keep_scratch"),
        };
    }

    private static NativeArgumentException Missing(string key) => new($"apply request: \"{key}\" is required");

    private static string? String(JsonObject o, string key) => o[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw new NativeArgumentException($"apply request: \"{key}\" must be a string"),
    };

    private static bool Boolean(JsonObject o, string key) => o[key]?.GetValueKind() switch
    {
        null => false,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new NativeArgumentException($"apply request: \"{key}\" must be true or false"),
    };

    private static int? Integer(JsonObject o, string key)
    {
        var node = o[key];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) && n >= 0
            ? n
            : throw new NativeArgumentException($"apply request: \"{key}\" must be a non-negative integer");
    }

    private static List<string>? Strings(JsonObject o, string key) => o[key] switch
    {
        null => null,
        JsonArray a => a.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new NativeArgumentException($"apply request: \"{key}\" must be an array of strings")).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        _ => throw new NativeArgumentException($"apply request: \"{key}\" must be an array of strings"),
    };

    private static List<string> Parameters(JsonObject o)
    {
        switch (o["params"])
        {
            case null:
                return [];
            case JsonArray:
                return Strings(o, "params")!;
            case JsonObject p:
                var list = new List<string>();
                foreach (var (id, value) in p)
                {
                    var text = value switch
                    {
                        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                        JsonValue v when v.GetValueKind() is JsonValueKind.Number => v.ToJsonString(),
                        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
                        _ => throw new NativeArgumentException($"apply request: params.{id} must be a string, a number or a boolean (the --param text)"),
                    };
                    list.Add($"{id}={text}");
                }

                return list;
            default:
                throw new NativeArgumentException("apply request: \"params\" must be an object (id → value) or an array of \"id=value\"");
        }
    }

    private static DeliveryCodec ParseCodec(string text) => text.ToLowerInvariant() switch
    {
        "prores-hq" or "prores" => DeliveryCodec.ProRes422HQ,
        "prores-lt" => DeliveryCodec.ProRes422LT,
        "prores-proxy" => DeliveryCodec.ProRes422Proxy,
        "dnxhr-hq" => DeliveryCodec.DnxhrHQ,
        "dnxhr-sq" => DeliveryCodec.DnxhrSQ,
        "h264" => DeliveryCodec.H264Review,
        _ => throw new NativeArgumentException($"apply request: codec \"{text}\": expected prores-hq, prores-lt, prores-proxy, dnxhr-hq, dnxhr-sq or h264"),
    };

    /// <summary>Tool runs the request will start (items × variations), for the progress fraction; 1 when unknown.</summary>
    private static int CountUnits(ApplyRequest request)
    {
        try
        {
            if (TimelineFile.Read(Path.GetFullPath(request.TimelinePath)) is Timeline timeline)
            {
                return Math.Max(1, TimelineSelector.Select(timeline, request.Selections).Count * Math.Max(1, request.Variations));
            }
        }
        catch (Exception e) when (e is OtioException or SelectionException or IOException)
        {
            // The runner reports the same problem with its own message.
        }

        return 1;
    }

    /// <summary>
    /// Forwards progress to the C callback, one call at a time (the runner reports from several threads). A non-zero
    /// return from the callback cancels the run.
    /// </summary>
    private sealed class ProgressReporter(delegate* unmanaged<double, byte*, void*, int> callback, void* user, CancellationTokenSource cts, int units)
    {
        private readonly Lock _gate = new();
        private int _started;

        public void Started(string line)
        {
            double fraction;
            lock (_gate)
            {
                fraction = Math.Min(0.99, (double)_started / units);
                _started++;
            }

            Report(fraction, line);
        }

        public void Report(double fraction, string message)
        {
            if (callback is null)
            {
                return;
            }

            lock (_gate)
            {
                var text = NativeText.Allocate(message);
                try
                {
                    if (callback(fraction, text, user) != 0)
                    {
                        cts.Cancel();
                    }
                }
                finally
                {
                    NativeText.Free(text);
                }
            }
        }
    }
}
