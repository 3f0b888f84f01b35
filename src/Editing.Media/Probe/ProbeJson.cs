using System.Globalization;
using System.Text.Json;

namespace Editing.Media.Probe;

/// <summary>Turns ffprobe's JSON into <see cref="MediaInfo"/>. Numbers arrive as JSON strings or numbers; both are read.</summary>
internal static class ProbeJson
{
    public static MediaInfo Parse(string path, string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new MediaException(MediaErrorKind.InvalidMedia, $"ffprobe returned unreadable JSON for '{path}': {ex.Message}", path, inner: ex);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (!root.TryGetProperty("format", out var format))
            {
                throw new MediaException(MediaErrorKind.InvalidMedia, $"ffprobe found no container format in '{path}'.", path);
            }
            var formatTimecode = Tag(format, "timecode");
            VideoStreamInfo? video = null;
            string? dataTimecode = null;
            string? videoReel = null;
            string? dataReel = null;
            var audio = new List<AudioStreamInfo>();
            if (root.TryGetProperty("streams", out var streams) && streams.ValueKind == JsonValueKind.Array)
            {
                foreach (var stream in streams.EnumerateArray())
                {
                    switch (String(stream, "codec_type"))
                    {
                        case "video" when video is null && !IsAttachedPicture(stream):
                            video = ReadVideo(stream);
                            videoReel = Tag(stream, "reel_name");
                            break;
                        case "audio":
                            audio.Add(ReadAudio(stream));
                            break;
                        case "data":
                            dataTimecode ??= Tag(stream, "timecode");
                            dataReel ??= Tag(stream, "reel_name");
                            break;
                    }
                }
            }
            if (video is not null && video.StartTimecode is null)
            {
                video = video with { StartTimecode = dataTimecode ?? formatTimecode };
            }
            if (video is not null && video.DurationSeconds is null)
            {
                video = video with { DurationSeconds = Decimal(format, "duration") };
            }
            return new MediaInfo
            {
                Path = path,
                FormatName = String(format, "format_name") ?? "unknown",
                DurationMicroseconds = Decimal(format, "duration") is { } seconds ? (long)decimal.Round(seconds * 1_000_000m, MidpointRounding.AwayFromZero) : null,
                StartSeconds = Decimal(format, "start_time"),
                Video = video,
                Audio = audio,
                Reel = videoReel ?? dataReel ?? Tag(format, "reel_name") ?? Tag(format, "reel") ?? Tag(format, "tape"),
            };
        }
    }

    public static long ReadPacketCount(string path, string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.TryGetProperty("streams", out var streams) && streams.ValueKind == JsonValueKind.Array)
        {
            foreach (var stream in streams.EnumerateArray())
            {
                if (Long(stream, "nb_read_packets") is { } count)
                {
                    return count;
                }
            }
        }
        throw new MediaException(MediaErrorKind.InvalidMedia, $"ffprobe could not count the video frames of '{path}'.", path);
    }

    private static VideoStreamInfo ReadVideo(JsonElement stream)
    {
        var rate = FrameRate.TryParse(String(stream, "r_frame_rate"), out var r) ? r
            : FrameRate.TryParse(String(stream, "avg_frame_rate"), out var avg) ? avg
            : default;
        return new VideoStreamInfo
        {
            Index = (int)(Long(stream, "index") ?? 0),
            Codec = String(stream, "codec_name") ?? "unknown",
            Profile = String(stream, "profile") is { } profile && profile != "unknown" ? profile : null,
            Width = (int)(Long(stream, "width") ?? 0),
            Height = (int)(Long(stream, "height") ?? 0),
            PixelFormat = String(stream, "pix_fmt") ?? "unknown",
            FrameRate = rate,
            FrameCount = Long(stream, "nb_frames") ?? -1,
            StartTimecode = Tag(stream, "timecode"),
            AverageFrameRate = FrameRate.TryParse(String(stream, "avg_frame_rate"), out var average) ? average : default,
            StartSeconds = Decimal(stream, "start_time"),
            DurationSeconds = Decimal(stream, "duration"),
            SampleAspectRatio = String(stream, "sample_aspect_ratio"),
            Color = (String(stream, "color_space"), String(stream, "color_primaries"), String(stream, "color_transfer"), String(stream, "color_range")),
            FieldOrder = String(stream, "field_order"),
        };
    }

    private static AudioStreamInfo ReadAudio(JsonElement stream)
    {
        var sampleRate = (int)(Long(stream, "sample_rate") ?? 0);
        long sampleCount = 0;
        if (String(stream, "time_base") == $"1/{sampleRate}" && Long(stream, "duration_ts") is { } ts)
        {
            sampleCount = ts;
        }
        else if (Decimal(stream, "duration") is { } seconds)
        {
            sampleCount = (long)decimal.Round(seconds * sampleRate, MidpointRounding.AwayFromZero);
        }
        var bits = Long(stream, "bits_per_sample") is { } b && b > 0 ? (int)b
            : Long(stream, "bits_per_raw_sample") is { } raw && raw > 0 ? (int)raw
            : (int?)null;
        return new AudioStreamInfo
        {
            Index = (int)(Long(stream, "index") ?? 0),
            Codec = String(stream, "codec_name") ?? "unknown",
            SampleRate = sampleRate,
            Channels = (int)(Long(stream, "channels") ?? 0),
            ChannelLayout = String(stream, "channel_layout"),
            SampleCount = sampleCount,
            BitsPerSample = bits,
        };
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var disposition)
        && Long(disposition, "attached_pic") == 1;

    private static string? Tag(JsonElement element, string name)
    {
        if (!element.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var property in tags.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }
        return null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static long? Long(JsonElement element, string name) =>
        String(element, name) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static decimal? Decimal(JsonElement element, string name) =>
        String(element, name) is { } text && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
