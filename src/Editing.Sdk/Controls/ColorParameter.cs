using System.Globalization;
using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// A colour (<see cref="ColorValue"/>: components 0..1 in the timeline's display colour space, straight alpha).
/// JSON form: <c>[r, g, b, a]</c> (normalized to four components; <c>[r, g, b]</c> reads as a = 1). Text form:
/// <c>#RRGGBB</c>, <c>#RRGGBBAA</c> (hex bytes / 255) or <c>r,g,b</c> / <c>r,g,b,a</c> (numbers 0..1). A component
/// outside 0..1 is an error, and so is alpha other than 1 when <see cref="HasAlpha"/> is false. Form widget:
/// <c>color</c>.
/// </summary>
public sealed class ColorParameter : ControlParameter
{
    private static readonly string[] Names = ["r", "g", "b", "a"];

    /// <summary>Creates a colour parameter with the given id.</summary>
    public ColorParameter(string id)
        : base(id)
    {
    }

    /// <summary>True when the colour has a meaningful alpha (opacity) the form should let the user set.</summary>
    public bool HasAlpha { get; init; }

    /// <summary>The colour when none is given, or null for no default.</summary>
    public ColorValue? Default { get; init; }

    /// <inheritdoc />
    public override string TypeName => "color";

    /// <inheritdoc />
    public override JsonElement? DefaultValue => Default is { } d ? ToJson(d) : null;

    private protected override string Widget => "color";

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (!Read(value, out var c, out var error))
        {
            issues.Add(ValidationIssue.Error(path, error));
            return;
        }

        double[] components = [c.R, c.G, c.B, c.A];
        for (var i = 0; i < components.Length; i++)
        {
            if (components[i] is < 0 or > 1)
            {
                issues.Add(ValidationIssue.Error($"{path}[{i}]", $"{Names[i]} = {ControlJson.Format(components[i])} is outside 0..1"));
            }
        }

        if (!HasAlpha && c.A != 1)
        {
            issues.Add(ValidationIssue.Error($"{path}[3]", $"this colour has no alpha; a must be 1, got {ControlJson.Format(c.A)}"));
        }
    }

    /// <inheritdoc />
    public override bool TryParseText(string text, ParseContext context, out JsonElement value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        value = default;
        if (t.StartsWith('#'))
        {
            var hex = t[1..];
            if (hex.Length is not (6 or 8) || !uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _))
            {
                error = $"'{t}' is not a hex colour (expected #RRGGBB or #RRGGBBAA)";
                return false;
            }

            double Component(int i) => Convert.ToByte(hex.Substring(i * 2, 2), 16) / 255.0;
            value = ToJson(new ColorValue(Component(0), Component(1), Component(2), hex.Length == 8 ? Component(3) : 1));
            error = "";
            return true;
        }

        if (t.StartsWith('['))
        {
            if (ControlJson.TryParse(t, out var json, out error) && Read(json, out var fromJson, out error))
            {
                value = ToJson(fromJson);
                return true;
            }

            return false;
        }

        var parts = ControlJson.SplitTrim(t, ',');
        var numbers = new double[4];
        numbers[3] = 1;
        if (parts.Length is not (3 or 4) || !parts.Select((p, i) => ControlJson.TryParseFinite(p, out numbers[i])).All(ok => ok))
        {
            error = $"'{t}' is not a colour (expected #RRGGBB, #RRGGBBAA or r,g,b[,a] with numbers 0..1)";
            return false;
        }

        value = ToJson(new ColorValue(numbers[0], numbers[1], numbers[2], numbers[3]));
        error = "";
        return true;
    }

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) => WriteSchemaObject(writer, w =>
    {
        w.WriteString("type", "array");
        w.WriteStartObject("items");
        w.WriteString("type", "number");
        w.WriteNumber("minimum", 0);
        w.WriteNumber("maximum", 1);
        w.WriteEndObject();
        w.WriteNumber("minItems", 3);
        w.WriteNumber("maxItems", 4);
        w.WriteBoolean("x-editing-has-alpha", HasAlpha);
    });

    internal override JsonElement Canonicalize(JsonElement value) => Read(value, out var c, out _) ? ToJson(c) : value;

    private static bool Read(JsonElement element, out ColorValue value, out string error) =>
        ControlJson.TryRead(element, out value, out error);

    private static JsonElement ToJson(ColorValue value) => ControlJson.ToJson(value);
}
