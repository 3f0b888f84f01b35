using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// The random seed of a generation: the same seed and request give the same output on deterministic models, and the
/// seed is part of the cache key and the provenance record. JSON form: an integer. Text form: a decimal integer (there
/// is deliberately no <c>random</c>: a request is reproducible from its values alone; the caller picks a seed).
/// Values outside <see cref="Minimum"/>..<see cref="Maximum"/> (default 0..4294967295, an unsigned 32-bit seed) are
/// errors. Form widget: <c>seed</c> (a number with a "new seed" button).
/// </summary>
public sealed class SeedParameter : ControlParameter
{
    /// <summary>Creates a seed parameter with the given id (usually <c>seed</c>).</summary>
    public SeedParameter(string id)
        : base(id)
    {
    }

    /// <summary>The smallest seed the model accepts (0 unless set).</summary>
    public long Minimum { get; init; }

    /// <summary>The largest seed the model accepts (4294967295 = 2^32 − 1 unless set).</summary>
    public long Maximum { get; init; } = uint.MaxValue;

    /// <summary>The seed when none is given (0 unless set).</summary>
    public long Default { get; init; }

    /// <inheritdoc />
    public override string TypeName => "seed";

    /// <inheritdoc />
    public override JsonElement? DefaultValue => ControlJson.Number(Default);

    private protected override string Widget => "seed";

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (!ControlJson.TryGetInteger(value, out var v))
        {
            AddKindError(issues, path, "an integer seed", value);
        }
        else if (v < Minimum || v > Maximum)
        {
            issues.Add(ValidationIssue.Error(path, $"seed {ControlJson.Format(v)} is outside {ControlJson.Format(Minimum)}..{ControlJson.Format(Maximum)}"));
        }
    }

    /// <inheritdoc />
    public override bool TryParseText(string text, ParseContext context, out JsonElement value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (ControlJson.TryParseInteger(text, out var v))
        {
            value = ControlJson.Number(v);
            error = "";
            return true;
        }

        value = default;
        error = $"'{text}' is not a seed (expected an integer in {ControlJson.Format(Minimum)}..{ControlJson.Format(Maximum)})";
        return false;
    }

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) => WriteSchemaObject(writer, w =>
    {
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", Minimum);
        w.WriteNumber("maximum", Maximum);
    });

    internal override JsonElement Canonicalize(JsonElement value) =>
        ControlJson.TryGetInteger(value, out var v) ? ControlJson.Number(v) : value;
}
