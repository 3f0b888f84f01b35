using System.Text.Json;
using Editing.Otio.OpenTime;

namespace Editing.Sdk.Controls;

/// <summary>
/// A point in time or a duration (<see cref="Kind"/>), held as a <see cref="RationalTime"/> so it keeps its timebase.
/// A <see cref="TimeKind.Time"/> counts from the clip's first frame. JSON form (as <see cref="SdkJson"/> writes
/// RationalTime): <c>{"value": 48, "rate": 24}</c> = 48 frames at 24 fps = 2 s. Text form, at
/// <see cref="ParseContext.Rate"/> (the clip's rate): <c>48</c> or <c>48f</c> (frames), <c>2s</c> or <c>2.5s</c>
/// (seconds, rounded half away from zero to whole frames: 2.5s at 24 fps → 60), or SMPTE timecode
/// <c>00:00:02:00</c> (drop-frame <c>00:01:00;02</c> accepted at 29.97/59.94, where it is frame 1800); the JSON form
/// is accepted too. Errors: a negative duration, a value outside <see cref="Minimum"/>..<see cref="Maximum"/>
/// (compared in seconds, so bounds and values may use different rates); a value that is not a whole frame at its
/// own rate is a warning. Form widget: <c>timecode</c>.
/// </summary>
public sealed class TimeParameter : ControlParameter
{
    private static readonly string[] Properties = ["value", "rate"];

    /// <summary>Creates a time parameter with the given id.</summary>
    public TimeParameter(string id)
        : base(id)
    {
    }

    /// <summary>Point in time or duration (<see cref="TimeKind.Time"/> unless set).</summary>
    public TimeKind Kind { get; init; }

    /// <summary>The earliest (shortest) allowed value, inclusive, or null for none.</summary>
    public RationalTime? Minimum { get; init => field = Valid(value); }

    /// <summary>The latest (longest) allowed value, inclusive, or null for none.</summary>
    public RationalTime? Maximum { get; init => field = Valid(value); }

    /// <summary>The value when none is given, or null for no default.</summary>
    public RationalTime? Default { get; init => field = Valid(value); }

    /// <inheritdoc />
    public override string TypeName => Kind == TimeKind.Duration ? "duration" : "time";

    /// <inheritdoc />
    public override JsonElement? DefaultValue => Default is { } d ? ToJson(d) : null;

    private protected override string Widget => "timecode";

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (!TryRead(value, out var time, out var error))
        {
            issues.Add(ValidationIssue.Error(path, error));
            return;
        }

        if (Kind == TimeKind.Duration && time.Value < 0)
        {
            issues.Add(ValidationIssue.Error(path, $"a duration cannot be negative ({TimeText.Describe(time)})"));
        }

        if (Minimum is { } min && time.CompareTo(min) < 0)
        {
            issues.Add(ValidationIssue.Error(path, $"{TimeText.Describe(time)} is below the minimum {TimeText.Describe(min)}"));
        }
        else if (Maximum is { } max && time.CompareTo(max) > 0)
        {
            issues.Add(ValidationIssue.Error(path, $"{TimeText.Describe(time)} is above the maximum {TimeText.Describe(max)}"));
        }

        if (time.Value != Math.Round(time.Value))
        {
            issues.Add(ValidationIssue.Warning(path, $"{TimeText.Describe(time)} is not a whole frame; the tool will round it"));
        }
    }

    /// <inheritdoc />
    public override bool TryParseText(string text, ParseContext context, out JsonElement value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        if (text.TrimStart().StartsWith('{'))
        {
            if (ControlJson.TryParse(text, out var json, out error) && TryRead(json, out var time, out error))
            {
                value = ToJson(time);
                return true;
            }

            value = default;
            return false;
        }

        if (TimeText.TryParseFrames(text, context.Rate, out var frames, out error))
        {
            value = ToJson(new RationalTime(frames, context.Rate));
            return true;
        }

        value = default;
        return false;
    }

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) => WriteSchemaObject(writer, w =>
    {
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        w.WriteStartObject("value");
        w.WriteString("type", "number");
        if (Kind == TimeKind.Duration)
        {
            w.WriteNumber("minimum", 0);
        }

        w.WriteString("description", "count of 1/rate-second units (frames at the clip's rate)");
        w.WriteEndObject();
        w.WriteStartObject("rate");
        w.WriteString("type", "number");
        w.WriteNumber("exclusiveMinimum", 0);
        w.WriteString("description", "units per second (frames per second)");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("required");
        w.WriteStringValue("value");
        w.WriteStringValue("rate");
        w.WriteEndArray();
        w.WriteBoolean("additionalProperties", false);
        w.WriteString("x-editing-time-kind", ControlJson.Kebab(Kind));
        if (Minimum is { } min)
        {
            w.WritePropertyName("x-editing-minimum");
            ToJson(min).WriteTo(w);
        }

        if (Maximum is { } max)
        {
            w.WritePropertyName("x-editing-maximum");
            ToJson(max).WriteTo(w);
        }
    });

    internal override IEnumerable<string> DefinitionProblems()
    {
        if (Minimum is { } min && Maximum is { } max && min.CompareTo(max) > 0)
        {
            yield return $"Minimum {TimeText.Describe(min)} is after Maximum {TimeText.Describe(max)}";
        }

        foreach (var problem in base.DefinitionProblems())
        {
            yield return problem;
        }
    }

    internal override JsonElement Canonicalize(JsonElement value) => TryRead(value, out var time, out _) ? ToJson(time) : value;

    /// <summary>Reads <c>{"value": frames, "rate": fps}</c> with a finite value and a finite positive rate.</summary>
    internal static bool TryRead(JsonElement element, out RationalTime time, out string error)
    {
        time = default;
        const string form = "expected a time {\"value\": frames, \"rate\": fps}";
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"{form}, got {ControlJson.Describe(element)}";
            return false;
        }

        if (ControlJson.FirstUnknownProperty(element, Properties) is { } unknown)
        {
            error = $"unknown property '{unknown}' in a time ({form})";
            return false;
        }

        if (!element.TryGetProperty("value", out var v) || !ControlJson.TryGetFinite(v, out var frames))
        {
            error = $"a time needs a finite number \"value\" ({form})";
            return false;
        }

        if (!element.TryGetProperty("rate", out var r) || !ControlJson.TryGetFinite(r, out var rate) || rate <= 0)
        {
            error = $"a time needs a positive number \"rate\" ({form})";
            return false;
        }

        time = new RationalTime(frames, rate);
        error = "";
        return true;
    }

    private static JsonElement ToJson(RationalTime time) => JsonSerializer.SerializeToElement(time, SdkJson.Options);

    private static RationalTime? Valid(RationalTime? value) =>
        value is { } t && (t.IsInvalidTime || !double.IsFinite(t.Value) || !double.IsFinite(t.Rate))
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "a time needs a finite value and a positive finite rate")
            : value;
}
