using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Host.Caching;
using Editing.Media;
using Editing.Media.Probe;
using Editing.Media.Transcoding;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Sdk.Controls;
using Editing.Sdk.Tools;

namespace Editing.Host.Edits;

/// <summary>
/// Conforms tool outputs to the timeline and places them in the media folder with sortable names
/// (<c>A003C012_ext-tail_v001.mov</c>) and a <c>*.provenance.json</c> sidecar each. Tracks every file it wrote so a
/// failed run can be rolled back.
/// </summary>
internal sealed class OutputPlacer
{
    private readonly string _mediaDirectory;
    private readonly string _timelineDirectory;
    private readonly ApplyRequest _request;
    private readonly ToolDescriptor _tool;
    private readonly List<string> _written = [];
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public OutputPlacer(string mediaDirectory, string timelineDirectory, ApplyRequest request, ToolDescriptor tool)
    {
        _mediaDirectory = mediaDirectory;
        _timelineDirectory = timelineDirectory;
        _request = request;
        _tool = tool;
    }

    public string AbsolutePath(PlacedOutput placed) => Path.GetFullPath(Path.Combine(_timelineDirectory, placed.TargetUrl));

    public string ProvenancePath(PlacedOutput placed) => AbsolutePath(placed) + ".provenance.json";

    public async Task<PlacedOutput> PlaceAsync(MediaOutput output, ClipContext clip, string startTimecode, ControlValues values,
        CancellationToken cancellationToken)
    {
        var path = Reserve(clip, output);
        var fps = clip.SourceRange.StartTime.Rate > 0 ? clip.SourceRange.StartTime.Rate : clip.Rate.FramesPerSecond;
        var rate = new FrameRate(clip.Rate.Numerator, clip.Rate.Denominator);
        var audio = output.AudioPath is null ? null : await MediaProbe.ProbeAsync(output.AudioPath, cancellationToken).ConfigureAwait(false);
        var audioSpec = audio?.Audio.FirstOrDefault() is { } a
            ? new AudioSpec { SampleRate = a.SampleRate, Channels = a.Channels, SampleCount = rate.FramesToSamples(output.FrameCount, a.SampleRate) }
            : null;
        var spec = new ConformSpec
        {
            Rate = rate,
            Width = clip.Size.Width,
            Height = clip.Size.Height,
            FrameCount = output.FrameCount,
            Codec = Codec(_request.Codec),
            StartTimecode = startTimecode,
        };

        lock (_gate)
        {
            _written.Add(path);
        }

        if (audioSpec is null)
        {
            await Conformer.ConformAsync(output.VideoPath, spec, path, null, cancellationToken).ConfigureAwait(false);
        }
        else if (await Conformer.IsConformedAsync(output.VideoPath, spec, cancellationToken).ConfigureAwait(false))
        {
            // The writer already produced the delivery format: one copy pass adds the audio and stamps the timecode.
            await Editing.Media.Audio.AudioOps.MuxAndVerifyAsync(output.VideoPath, output.AudioPath!, audioSpec.Format, path, startTimecode, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var video = Path.Combine(Path.GetDirectoryName(output.VideoPath)!, $"conformed-{output.Id}{Path.GetExtension(path)}");
            await Conformer.ConformAsync(output.VideoPath, spec, video, null, cancellationToken).ConfigureAwait(false);
            // The tool's audio is already sample-exact for the output's frames (ExtendAudioAsync); the mux copies video.
            await Editing.Media.Audio.AudioOps.MuxAsync(video, output.AudioPath!, audioSpec.Format, path, cancellationToken).ConfigureAwait(false);
        }

        var start = RationalTime.FromTimecode(startTimecode, fps);
        var available = new TimeRange(start, new RationalTime(output.FrameCount, fps));
        var url = Path.GetRelativePath(_timelineDirectory, path).Replace('\\', '/');
        var sidecar = path + ".provenance.json";
        lock (_gate)
        {
            _written.Add(sidecar);
        }

        var digest = await Sha256Async(path, cancellationToken).ConfigureAwait(false);
        await WriteProvenanceAsync(sidecar, path, digest, output, clip, startTimecode, values, cancellationToken).ConfigureAwait(false);
        var block = new OtioDictionary
        {
            ["generated"] = output.Generation is not null,
            ["tool"] = _tool.Id,
            ["tool_version"] = _tool.Version.ToString(),
            ["provider"] = output.Generation?.ProviderId ?? "",
            ["model"] = output.Generation?.ModelId ?? "",
            ["seed"] = output.Generation?.Seed ?? 0L,
            ["partly_generated"] = output.Generation is not null && output.PartlyGenerated,
            ["digital_source_type"] = DigitalSourceType(output),
            ["training_data"] = output.Generation?.TrainingData.Source ?? "",
            ["training_data_licence"] = output.Generation?.TrainingData.Licence ?? "",
            ["prompt"] = values.TryGet("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.String ? prompt.GetString() ?? "" : "",
            ["codec"] = DeliveryCodecs.Name(_request.Codec),
            ["operator"] = _request.Operator,
            ["sha256"] = digest,
            ["provenance"] = Path.GetRelativePath(_timelineDirectory, sidecar).Replace('\\', '/'),
        };
        return new PlacedOutput(output, url, available, block);
    }

    /// <summary>Copies a placed output (media and provenance record) into a cache entry folder; returns its manifest part.</summary>
    public JsonObject Store(PlacedOutput placed, string entryFolder, int index)
    {
        var media = AbsolutePath(placed);
        var file = $"{index}{Path.GetExtension(media)}";
        var stored = Path.Combine(entryFolder, file);
        if (!FileLinks.TryHardLink(media, stored))
        {
            File.Copy(media, stored);
        }

        // Read-only: the cached bytes (and the delivered file, when it is the same file) must not change in place.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(stored, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        File.Copy(ProvenancePath(placed), Path.Combine(entryFolder, file + ".provenance.json"));
        return new JsonObject
        {
            ["output"] = JsonSerializer.SerializeToNode(placed.Output, Editing.Sdk.SdkJson.Options),
            ["file"] = file,
            ["start"] = placed.AvailableRange.StartTime.Value,
            ["frames"] = placed.AvailableRange.Duration.Value,
            ["rate"] = placed.AvailableRange.Duration.Rate,
            ["editing"] = JsonNode.Parse(MetadataJson.ToElement(placed.Editing).GetRawText()),
        };
    }

    /// <summary>
    /// Places a cached output: copies its media under a fresh name in the media folder and writes its provenance
    /// record with this run's file name, timeline and operator (the generation facts and output hash are the stored
    /// ones, with a <c>reused</c> note naming the cache key).
    /// </summary>
    public async Task<PlacedOutput> RestoreAsync(JsonObject stored, CacheEntry entry, ClipContext clip, CancellationToken cancellationToken)
    {
        var output = stored["output"].Deserialize<MediaOutput>(Editing.Sdk.SdkJson.Options)!;
        var path = Reserve(clip, output);
        var sidecar = path + ".provenance.json";
        lock (_gate)
        {
            _written.Add(path);
            _written.Add(sidecar);
        }

        var file = Path.Combine(entry.Folder, stored["file"]!.GetValue<string>());
        await FileLinks.LinkOrCopyAsync(file, path, cancellationToken).ConfigureAwait(false);

        var record = JsonNode.Parse(await File.ReadAllBytesAsync(file + ".provenance.json", cancellationToken).ConfigureAwait(false))!.AsObject();
        record["output"]!["file"] = Path.GetFileName(path);
        record["timeline"] = new JsonObject { ["item"] = clip.ItemPath, ["name"] = clip.Name, ["timeline"] = clip.TimelineName };
        record["operator"] = _request.Operator;
        record["reused"] = new JsonObject
        {
            ["cache_key"] = entry.Key,
            ["at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        };
        var temp = sidecar + ".tmp";
        await File.WriteAllTextAsync(temp, record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
        File.Move(temp, sidecar, overwrite: true);

        using var blockDoc = JsonDocument.Parse(stored["editing"]!.ToJsonString());
        var block = (OtioDictionary)MetadataJson.FromElement(blockDoc.RootElement)!;
        block["provenance"] = Path.GetRelativePath(_timelineDirectory, sidecar).Replace('\\', '/');
        block["operator"] = _request.Operator;
        var rate = stored["rate"]!.GetValue<double>();
        var available = new TimeRange(new RationalTime(stored["start"]!.GetValue<double>(), rate), new RationalTime(stored["frames"]!.GetValue<double>(), rate));
        return new PlacedOutput(output, Path.GetRelativePath(_timelineDirectory, path).Replace('\\', '/'), available, block);
    }

    /// <summary>Deletes the files of outputs restored from the cache that will not be used after all.</summary>
    public void Forget(IEnumerable<PlacedOutput> outputs)
    {
        foreach (var p in outputs)
        {
            foreach (var file in new[] { AbsolutePath(p), ProvenancePath(p) })
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    /// <summary>Keeps everything written.</summary>
    public void Commit()
    {
        lock (_gate)
        {
            _written.Clear();
        }
    }

    /// <summary>Deletes everything this run wrote.</summary>
    public void Rollback()
    {
        lock (_gate)
        {
            foreach (var file in _written)
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }

            _written.Clear();
        }
    }

    private string Reserve(ClipContext clip, MediaOutput output)
    {
        var stem = clip.Media is { } m ? Path.GetFileNameWithoutExtension(m.Path) : clip.Name.Length > 0 ? clip.Name : clip.Kind.ToString().ToLowerInvariant();
        var label = output.Label.Length > 0 ? output.Label : _tool.Id.Split('.').Last();
        var name = Sanitize($"{stem}_{label}");
        var extension = _request.Codec == DeliveryCodec.H264Review ? ".mp4" : ".mov";
        lock (_gate)
        {
            for (var v = 1; ; v++)
            {
                var candidate = Path.Combine(_mediaDirectory, $"{name}_v{v:000}{extension}");
                if (!File.Exists(candidate) && _reserved.Add(candidate))
                {
                    return candidate;
                }
            }
        }
    }

    private static string Sanitize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return sb.ToString();
    }

    private static CodecProfile Codec(DeliveryCodec codec) => codec switch
    {
        DeliveryCodec.ProRes422LT => CodecProfile.ProRes422LT,
        DeliveryCodec.ProRes422Proxy => CodecProfile.ProRes422Proxy,
        DeliveryCodec.DnxhrHQ => CodecProfile.DnxhrHQ,
        DeliveryCodec.DnxhrSQ => CodecProfile.DnxhrSQ,
        DeliveryCodec.H264Review => CodecProfile.H264Review,
        _ => CodecProfile.ProRes422HQ,
    };

    private static string DigitalSourceType(MediaOutput output) => output.Generation is null
        ? "algorithmicallyEnhanced"
        : output.PartlyGenerated ? "compositeWithTrainedAlgorithmicMedia" : "trainedAlgorithmicMedia";

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }

    private async Task WriteProvenanceAsync(string sidecar, string mediaPath, string digest, MediaOutput output, ClipContext clip,
        string startTimecode, ControlValues values, CancellationToken cancellationToken)
    {
        var generation = output.Generation;
        var ingredients = new List<(Ingredient Ingredient, string? Sha)>();
        foreach (var ingredient in output.Ingredients)
        {
            var sha = File.Exists(ingredient.Path) ? await Sha256Async(ingredient.Path, cancellationToken).ConfigureAwait(false) : null;
            ingredients.Add((ingredient, sha));
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", "editing.provenance/1");
            w.WriteString("action", generation is null || output.PartlyGenerated ? "c2pa.edited" : "c2pa.created");
            w.WriteString("digital_source_type", "http://cv.iptc.org/newscodes/digitalsourcetype/" + DigitalSourceType(output));
            w.WriteStartObject("software_agent");
            w.WriteString("name", "Editing");
            w.WriteString("version", typeof(OutputPlacer).Assembly.GetName().Version?.ToString(3) ?? "");
            w.WriteString("sdk", Editing.Sdk.SdkVersion.Text);
            w.WriteString("tool", _tool.Id);
            w.WriteString("tool_version", _tool.Version.ToString());
            w.WriteEndObject();
            w.WriteStartObject("provider");
            w.WriteString("id", generation?.ProviderId ?? "");
            w.WriteString("version", generation?.ProviderVersion ?? "");
            w.WriteString("model", generation?.ModelId ?? "");
            w.WriteString("model_version", generation?.ModelVersion ?? "");
            w.WriteStartObject("training_data");
            w.WriteString("source", generation?.TrainingData.Source ?? "undeclared");
            w.WriteString("licence", generation?.TrainingData.Licence ?? "");
            w.WriteString("reference", generation?.TrainingData.Reference ?? "");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("prompt", values.TryGet("prompt", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : "");
            w.WriteString("negative_prompt", values.TryGet("negative_prompt", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : "");
            if (generation is not null)
            {
                w.WriteNumber("seed", generation.Seed);
            }

            w.WritePropertyName("parameters");
            using (var doc = JsonDocument.Parse(values.ToJson()))
            {
                doc.RootElement.WriteTo(w);
            }

            w.WriteStartArray("ingredients");
            foreach (var (ingredient, sha) in ingredients)
            {
                w.WriteStartObject();
                w.WriteString("file", ingredient.Path);
                w.WriteString("role", ingredient.Role);
                w.WriteString("relationship", ingredient.Role == "source" ? "parentOf" : "inputTo");
                if (sha is not null)
                {
                    w.WriteString("sha256", sha);
                }

                if (ingredient.FirstFrame is { } f)
                {
                    w.WriteNumber("first_frame", f);
                }

                if (ingredient.FrameCount is { } c)
                {
                    w.WriteNumber("frame_count", c);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("timeline");
            w.WriteString("item", clip.ItemPath);
            w.WriteString("name", clip.Name);
            w.WriteString("timeline", clip.TimelineName);
            w.WriteEndObject();
            w.WriteString("operator", _request.Operator);
            w.WriteString("created", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            w.WriteStartObject("output");
            w.WriteString("file", Path.GetFileName(mediaPath));
            w.WriteString("sha256", digest);
            w.WriteNumber("frames", output.FrameCount);
            w.WriteString("rate", clip.Rate.ToString());
            w.WriteString("size", clip.Size.ToString());
            w.WriteString("start_timecode", startTimecode);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        var temp = sidecar + ".tmp";
        await File.WriteAllBytesAsync(temp, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
        File.Move(temp, sidecar, overwrite: true);
    }
}
