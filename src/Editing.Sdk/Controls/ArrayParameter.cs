using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// A list of values of one <see cref="Element"/> type (reference images, colours, ...). JSON form: an array of the
/// element's JSON form. Text form: a JSON array when it starts with <c>[</c>, else items separated by <c>;</c>, each in
/// the element's text form (<c>a.png;b.png@12</c>); with <see cref="ControlSchema.ParseArguments"/> a repeated
/// <c>--param refs=...</c> appends. Items whose text contains <c>;</c> (drop-frame timecode) need the JSON form.
/// Validation: <see cref="MinItems"/>/<see cref="MaxItems"/> (errors), then each item by the element, with issues
/// under <c>refs[2]</c>. Form widget: <c>list</c>.
/// </summary>
public sealed class ArrayParameter : ControlParameter
{
    /// <summary>Creates a list parameter with the given id; set <see cref="Element"/>.</summary>
    public ArrayParameter(string id)
        : base(id)
    {
    }

    /// <summary>Creates a list parameter with the given id and item type.</summary>
    [SetsRequiredMembers]
    public ArrayParameter(string id, ControlParameter element)
        : base(id)
    {
        Element = element;
    }

    /// <summary>The type of every item; its id, <see cref="ControlParameter.Required"/> and default are ignored.</summary>
    public required ControlParameter Element { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary>The fewest items allowed, or null for none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int? MinItems { get; init => field = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(value), value, "cannot be negative") : value; }

    /// <summary>The most items allowed, or null for no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int? MaxItems { get; init => field = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(value), value, "cannot be negative") : value; }

    /// <summary>The items when none are given (each in the element's JSON form), or null for no default.</summary>
    public IReadOnlyList<JsonElement>? Default { get; init => field = value?.Select(e => e.Clone()).ToArray(); }

    /// <inheritdoc />
    public override string TypeName => "array";

    /// <inheritdoc />
    public override JsonElement? DefaultValue => Default is { } d ? ToArray(d) : null;

    private protected override string Widget => "list";

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (value.ValueKind != JsonValueKind.Array)
        {
            AddKindError(issues, path, $"an array of {Element.TypeName}", value);
            return;
        }

        var count = value.GetArrayLength();
        if (MinItems is { } min && count < min)
        {
            issues.Add(ValidationIssue.Error(path, $"has {count} item{(count == 1 ? "" : "s")}; at least {min} needed"));
        }

        if (MaxItems is { } max && count > max)
        {
            issues.Add(ValidationIssue.Error(path, $"has {count} items; at most {max} allowed"));
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            Element.Validate(item, $"{path}[{i++}]", issues);
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
            if (!ControlJson.TryParse(t, out var json, out error))
            {
                return false;
            }

            if (json.ValueKind != JsonValueKind.Array)
            {
                error = "expected a JSON array";
                return false;
            }

            // Structured items go through the element's text parser (its JSON form), so relative media paths inside
            // a JSON array are resolved like bare ones; scalars are kept in their canonical form.
            return TryParseItems(
                json.EnumerateArray().Select(item => item.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? item.GetRawText() : null).ToList(),
                json.EnumerateArray().ToList(),
                context,
                out value,
                out error);
        }

        var parts = t.Length == 0 ? [] : ControlJson.SplitTrim(t, ';');
        return TryParseItems(parts, [], context, out value, out error);
    }

    private bool TryParseItems(IReadOnlyList<string?> texts, IReadOnlyList<JsonElement> json, ParseContext context, out JsonElement value, out string error)
    {
        var items = new List<JsonElement>();
        var problems = new List<string>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is not { } itemText)
            {
                items.Add(Element.Canonicalize(json[i]));
            }
            else if (Element.TryParseText(itemText, context, out var item, out var itemError))
            {
                items.Add(item);
            }
            else
            {
                problems.Add($"item {i}: {itemError}");
            }
        }

        if (problems.Count > 0)
        {
            value = default;
            error = string.Join("; ", problems);
            return false;
        }

        value = ToArray(items);
        error = "";
        return true;
    }

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) => WriteSchemaObject(writer, w =>
    {
        w.WriteString("type", "array");
        w.WritePropertyName("items");
        Element.WriteJsonSchema(w);
        if (MinItems is { } min)
        {
            w.WriteNumber("minItems", min);
        }

        if (MaxItems is { } max)
        {
            w.WriteNumber("maxItems", max);
        }
    });

    internal override JsonElement Canonicalize(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? ToArray(value.EnumerateArray().Select(Element.Canonicalize).ToList()) : value;

    internal override IEnumerable<string> DefinitionProblems()
    {
        if (MinItems is { } min && MaxItems is { } max && min > max)
        {
            yield return $"MinItems {min} is greater than MaxItems {max}";
        }

        foreach (var problem in base.DefinitionProblems())
        {
            yield return problem;
        }
    }

    /// <summary>A JSON array of <paramref name="items"/>.</summary>
    internal static JsonElement ToArray(IEnumerable<JsonElement> items) => ControlJson.Build(w =>
    {
        w.WriteStartArray();
        foreach (var item in items)
        {
            item.WriteTo(w);
        }

        w.WriteEndArray();
    });
}
