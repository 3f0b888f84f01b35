using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// A number that may change over the clip (<see cref="KeyframedValue"/>), with the range, unit and step of its
/// <see cref="Inner"/> <see cref="FloatParameter"/> or <see cref="IntParameter"/>. Frames count from the clip's first
/// frame at the clip's rate. JSON form: a bare number (constant) or
/// <c>[{"frame": 0, "value": 0}, {"frame": 48, "value": 0.8}]</c>. Text form: <c>0.5</c> (constant, read by the inner
/// parameter, so <c>50%</c> works for a % unit), <c>0@0,0.8@48</c> (VALUE@FRAME pairs; the frame may also be written
/// <c>2s</c> or as timecode at <see cref="ParseContext.Rate"/>), or the JSON form. Validation: each value is checked
/// by <see cref="Inner"/> (issues under <c>strength[1].value</c>), frames must be integers ≥ 0 and strictly increasing
/// (issues under <c>strength[1].frame</c>), and there must be at least one key. Form widget: <c>keyframes</c>.
/// </summary>
public sealed class KeyframedParameter : ControlParameter
{
    private static readonly string[] Names = ["frame", "value"];

    /// <summary>Creates a keyframed parameter with the given id; set <see cref="Inner"/>.</summary>
    public KeyframedParameter(string id)
        : base(id)
    {
    }

    /// <summary>Creates a keyframed parameter with the given id and value range.</summary>
    [SetsRequiredMembers]
    public KeyframedParameter(string id, ControlParameter inner)
        : base(id)
    {
        Inner = inner;
    }

    /// <summary>
    /// The parameter each key's value is checked against (its range, step and unit); its id is ignored. Its default is
    /// this parameter's default when <see cref="Default"/> is null.
    /// </summary>
    /// <exception cref="ArgumentException">Not a <see cref="FloatParameter"/> or <see cref="IntParameter"/>.</exception>
    public required ControlParameter Inner
    {
        get;
        init => field = value is FloatParameter or IntParameter
            ? value
            : throw new ArgumentException($"the values of '{Id}' must be a FloatParameter or IntParameter, not {value?.GetType().Name ?? "null"}", nameof(value));
    }

    /// <summary>How frames between keys are filled (<see cref="KeyframeInterpolation.Linear"/> unless set).</summary>
    public KeyframeInterpolation Interpolation { get; init; }

    /// <summary>The keys when none are given, or null to use the inner parameter's default as a constant.</summary>
    public KeyframedValue? Default { get; init; }

    /// <inheritdoc />
    public override string TypeName => "keyframed";

    /// <inheritdoc />
    public override JsonElement? DefaultValue => Default is { } d ? ControlJson.ToJson(d) : Inner.DefaultValue;

    private protected override string Widget => "keyframes";

    /// <summary>Reads a valid value of this parameter with its <see cref="Interpolation"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is not a number or a keyframe array.</exception>
    public KeyframedValue Read(JsonElement value) =>
        ControlJson.TryRead<KeyframedValue>(value, out var keys, out var error)
            ? keys.WithInterpolation(Interpolation)
            : throw new InvalidOperationException($"parameter '{Id}': {error}");

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (value.ValueKind == JsonValueKind.Number)
        {
            Inner.Validate(value, path, issues);
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            AddKindError(issues, path, "a number or an array of {\"frame\", \"value\"} keyframes", value);
            return;
        }

        if (value.GetArrayLength() == 0)
        {
            issues.Add(ValidationIssue.Error(path, "a keyframe array needs at least one keyframe"));
            return;
        }

        long? previous = null;
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                AddKindError(issues, itemPath, "a keyframe {\"frame\": integer, \"value\": number}", item);
                continue;
            }

            ControlJson.CheckProperties(item, itemPath, Names, issues);
            if (!item.TryGetProperty("frame", out var f))
            {
                issues.Add(ValidationIssue.Error(itemPath + ".frame", "a keyframe needs a \"frame\""));
            }
            else if (!ControlJson.TryGetInteger(f, out var frame))
            {
                AddKindError(issues, itemPath + ".frame", "an integer frame", f);
            }
            else if (frame < 0)
            {
                issues.Add(ValidationIssue.Error(itemPath + ".frame", $"frame {frame} is before the clip's first frame (frames count from 0)"));
            }
            else
            {
                if (previous is { } p && frame <= p)
                {
                    issues.Add(ValidationIssue.Error(itemPath + ".frame", $"frame {frame} is not after the previous keyframe's frame {p} (frames must strictly increase)"));
                }

                previous = frame;
            }

            if (!item.TryGetProperty("value", out var v))
            {
                issues.Add(ValidationIssue.Error(itemPath + ".value", "a keyframe needs a \"value\""));
            }
            else
            {
                Inner.Validate(v, itemPath + ".value", issues);
            }
        }
    }

    /// <inheritdoc />
    public override bool TryParseText(string text, ParseContext context, out JsonElement value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var t = text.Trim();
        value = default;
        if (t.StartsWith('['))
        {
            if (ControlJson.TryParse(t, out var json, out error) && ControlJson.TryRead<KeyframedValue>(json, out var read, out error))
            {
                value = ControlJson.ToJson(read);
                return true;
            }

            return false;
        }

        if (!t.Contains('@'))
        {
            return Inner.TryParseText(t, context, out value, out error);
        }

        var keys = new List<(double Frame, JsonElement Value)>();
        var problems = new List<string>();
        foreach (var pair in ControlJson.SplitTrim(t, ','))
        {
            var at = pair.LastIndexOf('@');
            if (at <= 0 || at == pair.Length - 1)
            {
                problems.Add($"'{pair}' is not VALUE@FRAME");
                continue;
            }

            if (!Inner.TryParseText(pair[..at], context, out var keyValue, out var valueError))
            {
                problems.Add($"'{pair}': {valueError}");
                continue;
            }

            if (!TimeText.TryParseFrames(pair[(at + 1)..], context.Rate, out var frame, out var frameError))
            {
                problems.Add($"'{pair}': {frameError}");
                continue;
            }

            keys.Add((frame, keyValue));
        }

        if (problems.Count > 0)
        {
            error = string.Join("; ", problems) + " (expected VALUE@FRAME pairs like 0@0,0.8@48)";
            return false;
        }

        // Order and range are Validate's to report, with paths; the text only has to have the right shape.
        value = ControlJson.Build(w =>
        {
            w.WriteStartArray();
            foreach (var (frame, keyValue) in keys)
            {
                w.WriteStartObject();
                w.WriteNumber("frame", frame);
                w.WritePropertyName("value");
                keyValue.WriteTo(w);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        error = "";
        return true;
    }

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) => WriteSchemaObject(writer, w =>
    {
        w.WriteStartArray("oneOf");
        Inner.WriteJsonSchema(w);
        w.WriteStartObject();
        w.WriteString("type", "array");
        w.WriteNumber("minItems", 1);
        w.WriteStartObject("items");
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        w.WriteStartObject("frame");
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", 0);
        w.WriteString("description", "frames from the clip's first frame, at the clip's rate");
        w.WriteEndObject();
        w.WritePropertyName("value");
        Inner.WriteJsonSchema(w);
        w.WriteEndObject();
        w.WriteStartArray("required");
        w.WriteStringValue("frame");
        w.WriteStringValue("value");
        w.WriteEndArray();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("x-editing-interpolation", ControlJson.Kebab(Interpolation));
    });

    internal override JsonElement Canonicalize(JsonElement value) =>
        ControlJson.TryRead<KeyframedValue>(value, out var keys, out _) ? ControlJson.ToJson(keys) : value;
}
