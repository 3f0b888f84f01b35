using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Sdk;
using Editing.Sdk.Tools;

namespace Editing.Native;

/// <summary>
/// The JSON documents of the C API: session options in, item lists, tool lists and tool schemas out. Tool documents
/// are the ones <c>editing tools list --json</c> and <c>editing tools describe ID --json</c> print, so scripts can
/// use either.
/// </summary>
internal static class NativeJson
{
    private static readonly JsonSerializerOptions Indented = new(SdkJson.Options) { WriteIndented = true };

    public sealed record SessionOptions(bool Isolate);

    /// <summary>Reads <c>{"isolate": true}</c>; null or empty text gives the defaults.</summary>
    public static SessionOptions ReadSessionOptions(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new SessionOptions(false);
        }

        var node = Parse(json, "session options");
        var isolate = false;
        foreach (var (key, value) in node)
        {
            switch (key)
            {
                case "isolate":
                    isolate = value?.GetValueKind() switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw new NativeArgumentException("session options: \"isolate\" must be true or false"),
                    };
                    break;
                default:
                    throw new NativeArgumentException($"session options: unknown key \"{key}\" (known: isolate)");
            }
        }

        return new SessionOptions(isolate);
    }

    /// <summary>Parses a JSON object, naming <paramref name="what"/>, the line and the column when it is malformed.</summary>
    public static JsonObject Parse(string json, string what)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject
                ?? throw new NativeArgumentException($"{what}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new NativeArgumentException($"{what}: invalid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: {e.Message}");
        }
    }

    /// <summary>
    /// Every item of every track in stack order: track index, kind and name, item index, schema, name, the record
    /// range in frames from the timeline start, the source range, the active media path and the markers, and the
    /// <c>select</c> expression (<c>index:T.I</c>) that picks exactly that item in an apply request.
    /// </summary>
    public static string Items(NativeTimeline native)
    {
        var timeline = native.Timeline;
        var items = new JsonArray();
        var count = timeline.Tracks?.Children.Count ?? 0;
        for (var t = 0; t < count; t++)
        {
            if (timeline.Tracks!.Children[t] is not Track track)
            {
                continue;
            }

            for (var i = 0; i < track.Children.Count; i++)
            {
                var child = track.Children[i];
                var entry = new JsonObject
                {
                    ["track"] = t,
                    ["track_name"] = track.Name,
                    ["track_kind"] = track.Kind,
                    ["index"] = i,
                    ["select"] = $"index:{t}.{i}",
                    ["schema"] = child.SchemaName,
                    ["name"] = child.Name,
                };
                if (child is Item item)
                {
                    entry["enabled"] = item.Enabled;
                    if (child is not Transition)
                    {
                        var inTrack = track.RangeOfChildAtIndex(i);
                        entry["record_start_frame"] = inTrack.StartTime.ToFrames();
                        entry["record_duration_frames"] = inTrack.Duration.ToFrames();
                        entry["rate"] = inTrack.Duration.Rate;
                    }

                    if (item.SourceRange is { } source)
                    {
                        entry["source_range"] = Range(source);
                    }

                    var markers = new JsonArray();
                    foreach (var m in item.Markers)
                    {
                        markers.Add(new JsonObject
                        {
                            ["name"] = m.Name,
                            ["color"] = m.Color?.Name,
                            ["comment"] = m.Comment,
                            ["marked_range"] = Range(m.MarkedRange),
                        });
                    }

                    entry["markers"] = markers;
                }

                if (child is Clip clip)
                {
                    entry["media_reference_key"] = clip.ActiveMediaReferenceKey;
                    if (clip.MediaReference is ExternalReference external)
                    {
                        entry["media_url"] = external.TargetUrl;
                    }
                }

                items.Add(entry);
            }
        }

        var document = new JsonObject
        {
            ["name"] = timeline.Name,
            ["path"] = native.Path,
            ["global_start_time"] = timeline.GlobalStartTime is { } g ? Time(g) : null,
            ["items"] = items,
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Time(RationalTime t) => new() { ["value"] = t.Value, ["rate"] = t.Rate };

    private static JsonObject Range(TimeRange r) => new() { ["start_time"] = Time(r.StartTime), ["duration"] = Time(r.Duration) };

    /// <summary>The array <c>editing tools list --json</c> prints.</summary>
    public static async Task<string> Tools(NativeSession session, CancellationToken cancellationToken)
    {
        var array = new JsonArray();
        foreach (var id in session.Catalog.ToolIds)
        {
            var tool = await session.Host.DescribeToolAsync(id, cancellationToken).ConfigureAwait(false);
            array.Add(new JsonObject
            {
                ["id"] = tool.Id,
                ["version"] = tool.Version.ToString(),
                ["plugin"] = session.Catalog.FindTool(id)!.Id,
                ["name"] = tool.DisplayName,
                ["description"] = tool.Description,
                ["applications"] = JsonSerializer.SerializeToNode(tool.Applications, SdkJson.Options),
                ["targets"] = JsonSerializer.SerializeToNode(tool.Targets, SdkJson.Options),
            });
        }

        return array.ToJsonString(Indented);
    }

    /// <summary>The JSON Schema 2020-12 document with <c>x-editing-*</c> UI hints <c>editing tools describe ID --json</c> prints.</summary>
    public static string Describe(ToolDescriptor tool)
    {
        var schema = JsonNode.Parse(tool.Schema.ToJsonSchema())!.AsObject();
        var document = new JsonObject
        {
            ["$schema"] = schema["$schema"]?.DeepClone(),
            ["$id"] = $"urn:editing:tool:{tool.Id}:{tool.Version}",
            ["title"] = tool.DisplayName.Length > 0 ? tool.DisplayName : tool.Id,
            ["description"] = tool.Description,
            ["x-editing-tool"] = JsonSerializer.SerializeToNode(new
            {
                id = tool.Id,
                version = tool.Version.ToString(),
                applications = tool.Applications,
                targets = tool.Targets,
                inputs = tool.Inputs,
                provider_modes = tool.ProviderModes,
                deterministic = tool.Deterministic,
            }, SdkJson.Options),
        };
        foreach (var (key, value) in schema)
        {
            if (key is not "$schema" and not "title" and not "description")
            {
                document[key] = value?.DeepClone();
            }
        }

        return document.ToJsonString(Indented);
    }
}
