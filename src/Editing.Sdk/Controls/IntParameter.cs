using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// A whole number (frame counts, pixel sizes, iterations). JSON form: an integer (<c>12</c>; <c>12.0</c> is accepted
/// as 12 and normalized to <c>12</c>). Text form: a decimal integer, optionally followed by the <see cref="Unit"/>
/// (<c>12</c>, <c>12px</c>). Outside <see cref="Minimum"/>..<see cref="Maximum"/> is an error, outside
/// <see cref="SoftMinimum"/>..<see cref="SoftMaximum"/> a warning, and off the <see cref="Step"/> grid an error.
/// Form widget: <c>slider</c> when both hard bounds are set, else <c>number</c>.
/// </summary>
public sealed class IntParameter : ControlParameter
{
    /// <summary>Creates an integer parameter with the given id.</summary>
    public IntParameter(string id)
        : base(id)
    {
    }

    /// <summary>The smallest allowed value (inclusive), or null for none.</summary>
    public long? Minimum { get; init; }

    /// <summary>The largest allowed value (inclusive), or null for none.</summary>
    public long? Maximum { get; init; }

    /// <summary>The smallest recommended value; below it is a warning, not an error.</summary>
    public long? SoftMinimum { get; init; }

    /// <summary>The largest recommended value; above it is a warning, not an error.</summary>
    public long? SoftMaximum { get; init; }

    /// <summary>
    /// The grid values must lie on: value = (<see cref="Minimum"/> ?? 0) + k × Step for a whole k. With Minimum 1 and
    /// Step 4, 1, 5, 9 are allowed and 4 is not (e.g. a 4n+1 frame-count grid).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is not positive.</exception>
    public long? Step
    {
        get;
        init
        {
            if (value is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "a step must be positive");
            }

            field = value;
        }
    }

    /// <summary>The unit for labels and messages, e.g. <c>frames</c> or <c>px</c>; empty when unitless.</summary>
    public string Unit { get; init => field = value ?? ""; } = "";

    /// <summary>The value when none is given, or null for no default.</summary>
    public long? Default { get; init; }

    /// <inheritdoc />
    public override string TypeName => "int";

    /// <inheritdoc />
    public override JsonElement? DefaultValue => Default is { } d ? ControlJson.Number(d) : null;

    private protected override string Widget => Minimum is not null && Maximum is not null ? "slider" : "number";

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (!ControlJson.TryGetInteger(value, out var v))
        {
            AddKindError(issues, path, "an integer", value);
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
            var offset = (Int128)v - origin;
            var remainder = (long)(((offset % step) + step) % step);
            if (remainder != 0)
            {
                var below = v - remainder;
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

        if (ControlJson.TryParseInteger(t, out var v))
        {
            value = ControlJson.Number(v);
            error = "";
            return true;
        }

        value = default;
        error = $"'{text}' is not an integer" + (Unit.Length > 0 ? $" (e.g. 12 or 12{Unit})" : " (e.g. 12)");
        return false;
    }

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) => WriteSchemaObject(writer, w =>
    {
        w.WriteString("type", "integer");
        WriteOptional(w, "minimum", Minimum);
        WriteOptional(w, "maximum", Maximum);

        // JSON Schema's multipleOf counts from 0; the step grid counts from the minimum, so it is only the same
        // constraint when the minimum is itself on the grid.
        if (Step is { } step && (Minimum ?? 0) % step == 0)
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
        ControlJson.TryGetInteger(value, out var v) ? ControlJson.Number(v) : value;

    private static string Format(long value) => ControlJson.Format(value);

    private string WithUnit(long value) => Unit.Length == 0 ? Format(value) : Unit == "%" ? Format(value) + "%" : $"{Format(value)} {Unit}";
}
