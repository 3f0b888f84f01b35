using System.Text.Json;
using System.Text.Json.Serialization;

namespace Editing.Sdk.Controls;

/// <summary>
/// A medium a tool reads: an absolute file path, or one of the symbolic edge-frame references the host resolves from
/// the clip before the tool runs — <c>clip:first</c> / <c>clip:last</c> (the clip's own first/last frame),
/// <c>previous:last</c> (the last frame of the clip before it on the track), <c>next:first</c> (the first frame of the
/// clip after it). Media cross process boundaries as paths, never as inline data. JSON form:
/// <c>{"path": "/shots/a.mov", "frame": 12}</c> (<c>frame</c> omitted when null).
/// </summary>
/// <param name="Path">An absolute path or a symbolic reference; not empty.</param>
/// <param name="Frame">For a video file, the 0-based frame index within the file to use as a still; null for the
/// whole file (or a still image). Never set on a symbolic reference.</param>
[JsonConverter(typeof(ControlJsonValueConverter<MediaReferenceValue>))]
public sealed record MediaReferenceValue(string Path, long? Frame = null) : IControlJsonValue<MediaReferenceValue>
{
    /// <summary>The clip's own first frame.</summary>
    public const string ClipFirst = "clip:first";

    /// <summary>The clip's own last frame.</summary>
    public const string ClipLast = "clip:last";

    /// <summary>The last frame of the previous clip on the same track.</summary>
    public const string PreviousLast = "previous:last";

    /// <summary>The first frame of the next clip on the same track.</summary>
    public const string NextFirst = "next:first";

    internal static readonly string[] Names = ["path", "frame"];

    /// <summary>Every symbolic reference, in the order listed in messages.</summary>
    public static IReadOnlyList<string> SymbolicNames { get; } = [ClipFirst, ClipLast, PreviousLast, NextFirst];

    static string IControlJsonValue<MediaReferenceValue>.JsonForm => "{\"path\": \"/absolute/path\" or \"clip:first\"..., \"frame\": 0-based index (optional)}";

    /// <summary>The path or symbolic reference.</summary>
    /// <exception cref="ArgumentException">Empty.</exception>
    public string Path { get; init; } = string.IsNullOrEmpty(Path) ? throw new ArgumentException("a media path cannot be empty", nameof(Path)) : Path;

    /// <summary>The 0-based frame index within a video file, or null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public long? Frame { get; init; } = Frame is < 0 ? throw new ArgumentOutOfRangeException(nameof(Frame), Frame, "a frame index cannot be negative") : Frame;

    /// <summary>True for <c>clip:first</c>, <c>clip:last</c>, <c>previous:last</c> and <c>next:first</c>.</summary>
    public bool IsSymbolic => SymbolicNames.Contains(Path);

    static bool IControlJsonValue<MediaReferenceValue>.TryRead(JsonElement element, out MediaReferenceValue value, out string error)
    {
        value = null!;
        const string form = "expected a media reference {\"path\": \"...\", \"frame\": 12}";
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"{form}, got {ControlJson.Describe(element)}";
            return false;
        }

        if (ControlJson.FirstUnknownProperty(element, Names) is { } unknown)
        {
            error = $"unknown property '{unknown}' in a media reference ({form})";
            return false;
        }

        if (!element.TryGetProperty("path", out var p) || p.ValueKind != JsonValueKind.String || p.GetString()!.Length == 0)
        {
            error = $"a media reference needs a non-empty string \"path\" ({form})";
            return false;
        }

        long? frame = null;
        if (element.TryGetProperty("frame", out var f) && f.ValueKind != JsonValueKind.Null)
        {
            if (!ControlJson.TryGetInteger(f, out var index) || index < 0)
            {
                error = $"\"frame\" must be a 0-based frame index (an integer ≥ 0), got {ControlJson.Describe(f)}";
                return false;
            }

            frame = index;
        }

        value = new MediaReferenceValue(p.GetString()!, frame);
        error = "";
        return true;
    }

    void IControlJsonValue<MediaReferenceValue>.Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("path", Path);
        if (Frame is { } frame)
        {
            writer.WriteNumber("frame", frame);
        }

        writer.WriteEndObject();
    }
}
