using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// A real number (strengths, scales, angles). JSON form: a finite number (<c>0.75</c>); NaN and infinities (and the
/// strings <c>"NaN"</c>, <c>"Infinity"</c>) are errors. Text form: an invariant-culture decimal, optionally followed by
/// the <see cref="Unit"/> (<c>0.75</c>, <c>-1e-3</c>, <c>50%</c>, <c>90deg</c>); the number is in the unit, so
/// <c>50%</c> is 50, not 0.5. Outside <see cref="Minimum"/>..<see cref="Maximum"/> is an error, outside
/// <see cref="SoftMinimum"/>..<see cref="SoftMaximum"/> a warning. Form widget: <c>slider</c> when both hard bounds are
/// set, else <c>number</c>.
/// </summary>
public sealed class FloatParameter : ControlParameter
{
    /// <summary>
    /// How far (as a fraction of one <see cref="Step"/>) a value may sit from the grid and still count as on it, so
    /// binary rounding (0.1 × 3 = 0.30000000000000004) is not an error.
    /// </summary>
    public const double StepTolerance = 1e-6;

    /// <summary>Creates a number parameter with the given id.</summary>
    public FloatParameter(string id)
        : base(id)
    {
    }

    /// <summary>The smallest allowed value (inclusive), or null for none.</summary>
    public double? Minimum { get; init => field = Finite(value); }

    /// <summary>The largest allowed value (inclusive), or null for none.</summary>
    public double? Maximum { get; init => field = Finite(value); }

    /// <summary>The smallest recommended value; below it is a warning, not an error.</summary>
    public double? SoftMinimum { get; init => field = Finite(value); }

    /// <summary>The largest recommended value; above it is a warning, not an error.</summary>
    public double? SoftMaximum { get; init => field = Finite(value); }

    /// <summary>
    /// The grid values must lie on: value = (<see cref="Minimum"/> ?? 0) + k × Step for a whole k, within
    /// <see cref="StepTolerance"/> of a step. With Step 0.25, 0.5 is allowed and 0.3 is not.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is not positive and finite.</exception>
    public double? Step
    {
        get;
        init
        {
            if (value is { } v && !(double.IsFinite(v) && v > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "a step must be positive and finite");
            }

            field = value;
        }
    }

    /// <summary>The unit for labels and messages, e.g. <c>%</c> or <c>deg</c>; empty when unitless.</summary>
    public string Unit { get; init => field = value ?? ""; } = "";

    /// <summary>The value when none is given, or null for no default.</summary>
    public double? Default { get; init => field = Finite(value); }

    /// <inheritdoc />
    public override string TypeName => "float";

    /// <inheritdoc />
    public override JsonElement? DefaultValue => Default is { } d ? ControlJson.Number(d) : null;

    private protected override string Widget => Minimum is not null && Maximum is not null ? "slider" : "number";

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (value.ValueKind == JsonValueKind.String && value.GetString() is "NaN" or "Infinity" or "-Infinity")
        {
            issues.Add(ValidationIssue.Error(path, $"{value.GetString()} is not allowed (expected a finite number)"));
            return;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            AddKindError(issues, path, "a number", value);
            return;
        }

        if (!ControlJson.TryGetFinite(value, out var v))
        {
            issues.Add(ValidationIssue.Error(path, $"{value.GetRawText()} is out of the range of a double"));
            return;
        }

        if (Minimum is { } min && v < min)
        {
            issues.Add(ValidationIssue.Error(path, $"{WithUnit(v)} is below the minimum {WithUnit(min)}"));
        }
        else if (Maximum is { } max && v > max)
        {
            issues.Add(ValidationIssue.Error(path, $"{WithUnit(v)} is above the maximum {WithUnit(max)}"));
        }
        else if (SoftMinimum is { } softMin && v < softMin)
        {
            issues.Add(ValidationIssue.Warning(path, $"{WithUnit(v)} is below the recommended minimum {WithUnit(softMin)}"));
        }
        else if (SoftMaximum is { } softMax && v > softMax)
        {
            issues.Add(ValidationIssue.Warning(path, $"{WithUnit(v)} is above the recommended maximum {WithUnit(softMax)}"));
        }

        if (Step is { } step)
        {
            var origin = Minimum ?? 0;
            var k = (v - origin) / step;
            if (Math.Abs(k - Math.Round(k)) > StepTolerance)
            {
                var below = origin + (Math.Floor(k) * step);
                issues.Add(ValidationIssue.Error(path, $"{WithUnit(v)} is not on the step grid {Format(origin)} + k × {Format(step)} (nearest allowed: {Format(below)} or {Format(below + step)})"));
            }
        }
    }

    /// <inheritdoc />
    public override bool TryParseText(string text, ParseContext context, out JsonElement value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (Unit.Length > 0 && t.EndsWith(Unit, StringComparison.Ordinal))
        {
            t = t[..^Unit.Length].TrimEnd();
        }

        if (ControlJson.TryParseFinite(t, out var v))
        {
            value = ControlJson.Number(v);
            error = "";
            return true;
        }

        value = default;
        error = $"'{text}' is not a finite number" + (Unit.Length > 0 ? $" (e.g. 0.5 or 0.5{Unit})" : " (e.g. 0.5)");
        return false;
    }

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) => WriteSchemaObject(writer, w =>
    {
        w.WriteString("type", "number");
        WriteOptional(w, "minimum", Minimum);
        WriteOptional(w, "maximum", Maximum);

        // multipleOf counts from 0 and is exact; only emit it when the grid starts on a multiple of the step.
        if (Step is { } step && Math.Abs(((Minimum ?? 0) / step) - Math.Round((Minimum ?? 0) / step)) <= StepTolerance)
        {
            w.WriteNumber("multipleOf", step);
        }

        WriteOptional(w, "x-editing-step", Step);
        WriteOptional(w, "x-editing-soft-minimum", SoftMinimum);
        WriteOptional(w, "x-editing-soft-maximum", SoftMaximum);
        if (Unit.Length > 0)
        {
            w.WriteString("x-editing-unit", Unit);
        }
    });

    internal override IEnumerable<string> DefinitionProblems()
    {
        if (Minimum is { } min && Maximum is { } max && min > max)
        {
            yield return $"Minimum {Format(min)} is greater than Maximum {Format(max)}";
        }

        if (SoftMinimum is { } softMin && SoftMaximum is { } softMax && softMin > softMax)
        {
            yield return $"SoftMinimum {Format(softMin)} is greater than SoftMaximum {Format(softMax)}";
        }

        foreach (var problem in base.DefinitionProblems())
        {
            yield return problem;
        }
    }

    internal override JsonElement Canonicalize(JsonElement value) =>
        ControlJson.TryGetFinite(value, out var v) ? ControlJson.Number(v) : value;

    private static double? Finite(double? value) =>
        value is { } v && !double.IsFinite(v)
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "bounds and defaults must be finite")
            : value;

    private static string Format(double value) => ControlJson.Format(value);

    private string WithUnit(double value) => Unit.Length == 0 ? Format(value) : Unit == "%" ? Format(value) + "%" : $"{Format(value)} {Unit}";
}
