using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// A camera move (<see cref="CameraMotion"/>: pan, tilt, roll, zoom, truck, pedestal as intensities −1..1, plus
/// easing). JSON form: <c>{"pan": 0.2, "zoom": -0.1, "easing": "ease-in-out"}</c> (zero axes and linear easing may be
/// omitted and are omitted when normalized; <c>{}</c> is no motion). Text form:
/// <c>pan=0.3,zoom=-0.2,easing=ease-in-out</c>, <c>none</c>, or the JSON form. An axis outside −1..1, an unknown key
/// or an unknown easing is an error, reported under the key (<c>camera.zoom</c>). Form widget: <c>camera-motion</c>.
/// </summary>
public sealed class CameraMotionParameter : ControlParameter
{
    /// <summary>Creates a camera motion parameter with the given id.</summary>
    public CameraMotionParameter(string id)
        : base(id)
    {
    }

    /// <summary>The move when none is given (<see cref="CameraMotion.None"/> unless set).</summary>
    public CameraMotion Default { get; init => field = value ?? CameraMotion.None; } = CameraMotion.None;

    /// <inheritdoc />
    public override string TypeName => "camera-motion";

    /// <inheritdoc />
    public override JsonElement? DefaultValue => ControlJson.ToJson(Default);

    private protected override string Widget => "camera-motion";

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        CameraMotion.Inspect(value, path, issues);
    }

    /// <inheritdoc />
    public override bool TryParseText(string text, ParseContext context, out JsonElement value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        value = default;
        if (t.StartsWith('{'))
        {
            if (ControlJson.TryParse(t, out var json, out error) && ControlJson.TryRead<CameraMotion>(json, out var read, out error))
            {
                value = ControlJson.ToJson(read);
                return true;
            }

            return false;
        }

        if (t.Length == 0 || t == "none")
        {
            value = ControlJson.ToJson(CameraMotion.None);
            error = "";
            return true;
        }

        // Build the JSON object from the pairs and let the one reader check keys and values.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var pairs = ControlJson.Build(w =>
        {
            w.WriteStartObject();
            foreach (var pair in ControlJson.SplitTrim(t, ','))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    problems.Add($"'{pair}' is not key=value");
                    continue;
                }

                var key = pair[..eq].Trim();
                var item = pair[(eq + 1)..].Trim();
                if (!seen.Add(key))
                {
                    problems.Add($"'{key}' is given twice");
                    continue;
                }

                if (key == "easing")
                {
                    w.WriteString(key, item);
                }
                else if (ControlJson.TryParseFinite(item, out var number))
                {
                    w.WriteNumber(key, number);
                }
                else
                {
                    problems.Add($"{key}: '{item}' is not a number");
                }
            }

            w.WriteEndObject();
        });

        if (problems.Count == 0)
        {
            if (ControlJson.TryRead<CameraMotion>(pairs, out var motion, out var readError))
            {
                value = ControlJson.ToJson(motion);
                error = "";
                return true;
            }

            problems.Add(readError);
        }

        error = string.Join("; ", problems) + " (expected e.g. pan=0.3,zoom=-0.2,easing=ease-in-out with keys " +
            string.Join(", ", CameraMotion.PropertyNames) + ")";
        return false;
    }

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) => WriteSchemaObject(writer, w =>
    {
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        foreach (var axis in CameraMotion.AxisNames)
        {
            w.WriteStartObject(axis);
            w.WriteString("type", "number");
            w.WriteNumber("minimum", -1);
            w.WriteNumber("maximum", 1);
            w.WriteNumber("default", 0);
            w.WriteEndObject();
        }

        w.WriteStartObject("easing");
        w.WriteString("type", "string");
        w.WriteStartArray("enum");
        foreach (var easing in Enum.GetValues<Easing>())
        {
            w.WriteStringValue(ControlJson.Kebab(easing));
        }

        w.WriteEndArray();
        w.WriteString("default", "linear");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
    });

    internal override JsonElement Canonicalize(JsonElement value) =>
        ControlJson.TryRead<CameraMotion>(value, out var motion, out _) ? ControlJson.ToJson(motion) : value;
}
