using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// A position in the frame (<see cref="PointValue"/>). JSON form: <c>{"x": 0.5, "y": 0.25}</c>. Text form:
/// <c>x,y</c> (<c>0.5,0.25</c>) or the JSON form. In <see cref="CoordinateSystem.Normalized"/> (the default) a
/// coordinate outside 0..1 is an error; in <see cref="CoordinateSystem.Pixels"/> a negative coordinate is a warning (the
/// SDK does not know the clip's size, the tool checks the far edges). Form widget: <c>point</c>.
/// </summary>
public sealed class PointParameter : ControlParameter
{
    /// <summary>Creates a point parameter with the given id.</summary>
    public PointParameter(string id)
        : base(id)
    {
    }

    /// <summary>The space of the coordinates (<see cref="CoordinateSystem.Normalized"/> unless set).</summary>
    public CoordinateSystem CoordinateSystem { get; init; }

    /// <summary>The point when none is given, or null for no default.</summary>
    public PointValue? Default { get; init; }

    /// <inheritdoc />
    public override string TypeName => "point";

    /// <inheritdoc />
    public override JsonElement? DefaultValue => Default is { } d ? ControlJson.ToJson(d) : null;

    private protected override string Widget => "point";

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (!ControlJson.TryRead<PointValue>(value, out var p, out var error))
        {
            issues.Add(ValidationIssue.Error(path, error));
            return;
        }

        CheckCoordinate(CoordinateSystem, path, "x", p.X, issues);
        CheckCoordinate(CoordinateSystem, path, "y", p.Y, issues);
    }

    /// <inheritdoc />
    public override bool TryParseText(string text, ParseContext context, out JsonElement value, out string error) =>
        TryParseNumbers<PointValue>(text, 2, "x,y (e.g. 0.5,0.25)", n => new PointValue(n[0], n[1]), out value, out error);

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) => WriteSchemaObject(writer, w =>
        WriteObjectSchema(w, CoordinateSystem, PointValue.Names));

    internal override JsonElement Canonicalize(JsonElement value) =>
        ControlJson.TryRead<PointValue>(value, out var p, out _) ? ControlJson.ToJson(p) : value;

    /// <summary>Range rule for one coordinate: 0..1 when normalized (error), ≥ 0 in pixels (warning).</summary>
    internal static void CheckCoordinate(CoordinateSystem system, string path, string name, double value, ICollection<ValidationIssue> issues)
    {
        if (system == CoordinateSystem.Normalized && value is < 0 or > 1)
        {
            issues.Add(ValidationIssue.Error($"{path}.{name}", $"{name} = {ControlJson.Format(value)} is outside the frame (normalized coordinates are 0..1)"));
        }
        else if (system == CoordinateSystem.Pixels && value < 0)
        {
            issues.Add(ValidationIssue.Warning($"{path}.{name}", $"{name} = {ControlJson.Format(value)} px is outside the frame"));
        }
    }

    /// <summary>Parses <c>a,b[,c,d]</c> or the JSON form into a point or rectangle.</summary>
    internal static bool TryParseNumbers<T>(string text, int count, string form, Func<double[], T> create, out JsonElement value, out string error)
        where T : IControlJsonValue<T>
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        value = default;
        if (t.StartsWith('{'))
        {
            if (ControlJson.TryParse(t, out var json, out error) && ControlJson.TryRead<T>(json, out var read, out error))
            {
                value = ControlJson.ToJson(read);
                return true;
            }

            return false;
        }

        var parts = ControlJson.SplitTrim(t, ',');
        var numbers = new double[count];
        if (parts.Length != count || !parts.Select((p, i) => ControlJson.TryParseFinite(p, out numbers[i])).All(ok => ok))
        {
            error = $"'{t}' is not {form}";
            return false;
        }

        value = ControlJson.ToJson(create(numbers));
        error = "";
        return true;
    }

    /// <summary>The object subschema shared by points and rectangles.</summary>
    internal static void WriteObjectSchema(Utf8JsonWriter w, CoordinateSystem system, string[] names)
    {
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        foreach (var name in names)
        {
            w.WriteStartObject(name);
            w.WriteString("type", "number");
            var isSize = name is "width" or "height";
            if (isSize)
            {
                w.WriteNumber("exclusiveMinimum", 0);
            }
            else if (system == CoordinateSystem.Normalized)
            {
                w.WriteNumber("minimum", 0);
            }

            if (system == CoordinateSystem.Normalized)
            {
                w.WriteNumber("maximum", 1);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartArray("required");
        foreach (var name in names)
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
        w.WriteBoolean("additionalProperties", false);
        w.WriteString("x-editing-coordinate-system", ControlJson.Kebab(system));
    }
}
