using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// A rectangle in the frame (<see cref="RectValue"/>: top-left corner, width, height). JSON form:
/// <c>{"x": 0.1, "y": 0.2, "width": 0.5, "height": 0.4}</c>. Text form: <c>x,y,w,h</c> (<c>0.1,0.2,0.5,0.4</c>) or the
/// JSON form. Width and height must be greater than 0. In <see cref="CoordinateSystem.Normalized"/> (the default) the
/// rectangle must lie inside the frame (x, y in 0..1, x + width ≤ 1, y + height ≤ 1; errors); in
/// <see cref="CoordinateSystem.Pixels"/> a negative x or y is a warning. Form widget: <c>rect</c>.
/// </summary>
public sealed class RectParameter : ControlParameter
{
    // Edges computed as x + width may land a rounding error past 1 (0.7 + 0.3 = 0.99999999999999989 is fine, but
    // 0.1 + 0.9 can be 1.0000000000000002); that is still the frame's edge.
    private const double EdgeTolerance = 1e-9;

    /// <summary>Creates a rectangle parameter with the given id.</summary>
    public RectParameter(string id)
        : base(id)
    {
    }

    /// <summary>The space of the coordinates (<see cref="CoordinateSystem.Normalized"/> unless set).</summary>
    public CoordinateSystem CoordinateSystem { get; init; }

    /// <summary>The rectangle when none is given, or null for no default.</summary>
    public RectValue? Default { get; init; }

    /// <inheritdoc />
    public override string TypeName => "rect";

    /// <inheritdoc />
    public override JsonElement? DefaultValue => Default is { } d ? ControlJson.ToJson(d) : null;

    private protected override string Widget => "rect";

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (!ControlJson.TryRead<RectValue>(value, out var r, out var error))
        {
            issues.Add(ValidationIssue.Error(path, error));
            return;
        }

        PointParameter.CheckCoordinate(CoordinateSystem, path, "x", r.X, issues);
        PointParameter.CheckCoordinate(CoordinateSystem, path, "y", r.Y, issues);
        if (r.Width <= 0)
        {
            issues.Add(ValidationIssue.Error(path + ".width", $"width {ControlJson.Format(r.Width)} must be greater than 0"));
        }
        else if (CoordinateSystem == CoordinateSystem.Normalized && r.X is >= 0 and <= 1 && r.X + r.Width > 1 + EdgeTolerance)
        {
            issues.Add(ValidationIssue.Error(path + ".width", $"x + width = {ControlJson.Format(r.X + r.Width)} extends past the right edge (1)"));
        }

        if (r.Height <= 0)
        {
            issues.Add(ValidationIssue.Error(path + ".height", $"height {ControlJson.Format(r.Height)} must be greater than 0"));
        }
        else if (CoordinateSystem == CoordinateSystem.Normalized && r.Y is >= 0 and <= 1 && r.Y + r.Height > 1 + EdgeTolerance)
        {
            issues.Add(ValidationIssue.Error(path + ".height", $"y + height = {ControlJson.Format(r.Y + r.Height)} extends past the bottom edge (1)"));
        }
    }

    /// <inheritdoc />
    public override bool TryParseText(string text, ParseContext context, out JsonElement value, out string error) =>
        PointParameter.TryParseNumbers<RectValue>(text, 4, "x,y,w,h (e.g. 0.1,0.2,0.5,0.4)", n => new RectValue(n[0], n[1], n[2], n[3]), out value, out error);

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) => WriteSchemaObject(writer, w =>
        PointParameter.WriteObjectSchema(w, CoordinateSystem, RectValue.Names));

    internal override JsonElement Canonicalize(JsonElement value) =>
        ControlJson.TryRead<RectValue>(value, out var r, out _) ? ControlJson.ToJson(r) : value;
}
