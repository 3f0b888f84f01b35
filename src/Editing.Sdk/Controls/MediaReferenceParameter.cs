using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Editing.Sdk.Controls;

/// <summary>
/// An image, mask, frame, video or audio file the tool reads (<see cref="MediaReferenceValue"/>). JSON form:
/// <c>{"path": "/abs/ref.png"}</c>, <c>{"path": "/abs/plate.mov", "frame": 12}</c> or <c>{"path": "clip:last"}</c>.
/// Text form: <c>PATH</c>, <c>PATH@FRAME</c> (a 0-based frame index into a video file; a path that itself ends in
/// <c>@digits</c> must be given in the JSON form) or a symbolic reference (<c>clip:first</c>, <c>clip:last</c>,
/// <c>previous:last</c>, <c>next:first</c>); a relative path is resolved against
/// <see cref="ParseContext.BaseDirectory"/>. Validation (errors): a real path must be absolute and name an existing
/// file, and have one of the <see cref="Extensions"/> when they are given; a symbolic reference must be one of the four
/// names, takes no frame index, and is only for <see cref="MediaKind.Image"/>, <see cref="MediaKind.Mask"/> and
/// <see cref="MediaKind.Frame"/> (the host resolves it from the clip, so it is not checked on disk). Form widget:
/// <c>file</c>.
/// </summary>
public sealed partial class MediaReferenceParameter : ControlParameter
{
    /// <summary>Creates a media reference parameter with the given id.</summary>
    public MediaReferenceParameter(string id)
        : base(id)
    {
    }

    /// <summary>What the file is (<see cref="MediaKind.Image"/> unless set).</summary>
    public MediaKind Kind { get; init; }

    /// <summary>What the file is for (<see cref="MediaRole.Reference"/> unless set).</summary>
    public MediaRole Role { get; init; } = MediaRole.Reference;

    /// <summary>
    /// The allowed file extensions, e.g. <c>.png</c>, <c>.jpg</c> (compared case-insensitively; a missing leading dot is
    /// added); empty to allow any.
    /// </summary>
    public IReadOnlyList<string> Extensions
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value.Select(e => e.StartsWith('.') ? e.ToLowerInvariant() : "." + e.ToLowerInvariant()).ToArray();
        }
    } = [];

    /// <summary>The reference when none is given (typically a symbolic one like <c>clip:last</c>), or null.</summary>
    public MediaReferenceValue? Default { get; init; }

    /// <inheritdoc />
    public override string TypeName => ControlJson.Kebab(Kind);

    /// <inheritdoc />
    public override JsonElement? DefaultValue => Default is { } d ? ControlJson.ToJson(d) : null;

    private protected override string Widget => "file";

    private bool AllowsSymbolic => Kind is MediaKind.Image or MediaKind.Mask or MediaKind.Frame;

    [GeneratedRegex("^[a-z]{2,}:[a-z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SymbolicPattern();

    [GeneratedRegex("^(?<path>.+)@(?<frame>[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex FrameSuffixPattern();

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (!ControlJson.TryRead<MediaReferenceValue>(value, out var media, out var error))
        {
            issues.Add(ValidationIssue.Error(path, error));
            return;
        }

        if (media.IsSymbolic)
        {
            if (!AllowsSymbolic)
            {
                issues.Add(ValidationIssue.Error(path, $"{media.Path} is a frame from the timeline; this parameter takes {ControlJson.Kebab(Kind)} files"));
            }

            if (media.Frame is not null)
            {
                issues.Add(ValidationIssue.Error(path + ".frame", $"{media.Path} already names one frame; it takes no frame index"));
            }

            return;
        }

        if (SymbolicPattern().IsMatch(media.Path))
        {
            issues.Add(ValidationIssue.Error(path, $"unknown symbolic reference '{media.Path}' (known: {string.Join(", ", MediaReferenceValue.SymbolicNames)})"));
            return;
        }

        if (!Path.IsPathFullyQualified(media.Path))
        {
            issues.Add(ValidationIssue.Error(path, $"'{media.Path}' is not an absolute path"));
            return;
        }

        if (!File.Exists(media.Path))
        {
            issues.Add(ValidationIssue.Error(path, $"file not found: {media.Path}"));
        }

        if (Extensions.Count > 0 && !Extensions.Contains(Path.GetExtension(media.Path).ToLowerInvariant()))
        {
            issues.Add(ValidationIssue.Error(path, $"'{media.Path}' is not one of the allowed file types ({string.Join(", ", Extensions)})"));
        }
    }

    /// <inheritdoc />
    public override bool TryParseText(string text, ParseContext context, out JsonElement value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var t = text.Trim();
        value = default;
        if (t.Length == 0)
        {
            error = "empty media reference (expected a path, PATH@FRAME or one of " + string.Join(", ", MediaReferenceValue.SymbolicNames) + ")";
            return false;
        }

        if (t.StartsWith('{'))
        {
            if (ControlJson.TryParse(t, out var json, out error) && ControlJson.TryRead<MediaReferenceValue>(json, out var read, out error))
            {
                value = ControlJson.ToJson(Resolve(read, context));
                return true;
            }

            return false;
        }

        if (MediaReferenceValue.SymbolicNames.Contains(t))
        {
            value = ControlJson.ToJson(new MediaReferenceValue(t));
            error = "";
            return true;
        }

        long? frame = null;
        if (FrameSuffixPattern().Match(t) is { Success: true } m)
        {
            if (!long.TryParse(m.Groups["frame"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                error = $"frame index in '{t}' is too large";
                return false;
            }

            t = m.Groups["path"].Value;
            frame = index;
        }

        value = ControlJson.ToJson(Resolve(new MediaReferenceValue(t, frame), context));
        error = "";
        return true;
    }

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) => WriteSchemaObject(writer, w =>
    {
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        w.WriteStartObject("path");
        w.WriteString("type", "string");
        w.WriteNumber("minLength", 1);
        w.WriteString("description", AllowsSymbolic
            ? "absolute path, or clip:first, clip:last, previous:last, next:first"
            : "absolute path");
        w.WriteEndObject();
        w.WriteStartObject("frame");
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", 0);
        w.WriteString("description", "0-based frame index within a video file");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("required");
        w.WriteStringValue("path");
        w.WriteEndArray();
        w.WriteBoolean("additionalProperties", false);
        w.WriteString("x-editing-media-kind", ControlJson.Kebab(Kind));
        w.WriteString("x-editing-role", ControlJson.Kebab(Role));
        if (Extensions.Count > 0)
        {
            w.WriteStartArray("x-editing-extensions");
            foreach (var extension in Extensions)
            {
                w.WriteStringValue(extension);
            }

            w.WriteEndArray();
        }

        if (AllowsSymbolic)
        {
            w.WriteStartArray("x-editing-symbolic");
            foreach (var name in MediaReferenceValue.SymbolicNames)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
        }
    });

    internal override JsonElement Canonicalize(JsonElement value) =>
        ControlJson.TryRead<MediaReferenceValue>(value, out var media, out _) ? ControlJson.ToJson(media) : value;

    private static MediaReferenceValue Resolve(MediaReferenceValue media, ParseContext context) =>
        media.IsSymbolic || SymbolicPattern().IsMatch(media.Path) || Path.IsPathFullyQualified(media.Path)
            ? media
            : media with { Path = Path.GetFullPath(media.Path, context.BaseDirectory) };
}
