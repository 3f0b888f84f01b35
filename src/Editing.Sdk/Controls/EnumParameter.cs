using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// One choice among fixed <see cref="Options"/>. Persisted by the option's <see cref="EnumOption.Value"/>, never by
/// its position, so options can be reordered, relabelled or added without changing what stored requests mean. JSON
/// form: the value string (<c>"dolly-in"</c>). Text form: the value; a case-insensitive match is accepted and written
/// with the option's exact spelling. An unknown value is an error listing the allowed values. Form widget:
/// <c>select</c>.
/// </summary>
public sealed class EnumParameter : ControlParameter
{
    /// <summary>Creates a choice parameter with the given id.</summary>
    public EnumParameter(string id)
        : base(id)
    {
    }

    /// <summary>The choices in presentation order; values are unique and not empty.</summary>
    /// <exception cref="ArgumentException">An option value is empty or repeated.</exception>
    public IReadOnlyList<EnumOption> Options
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var option in value)
            {
                ArgumentNullException.ThrowIfNull(option);
                if (string.IsNullOrEmpty(option.Value) || !seen.Add(option.Value))
                {
                    throw new ArgumentException($"option values of '{Id}' must be unique and not empty ('{option.Value}')", nameof(value));
                }
            }

            field = value.ToArray();
        }
    } = [];

    /// <summary>The value of the default option, or null for no default.</summary>
    public string? Default { get; init; }

    /// <inheritdoc />
    public override string TypeName => "enum";

    /// <inheritdoc />
    public override JsonElement? DefaultValue => Default is { } d ? ControlJson.String(d) : null;

    private protected override string Widget => "select";

    /// <summary>The allowed values, comma separated, for messages.</summary>
    private string Allowed => string.Join(", ", Options.Select(o => o.Value));

    /// <summary>The option with <paramref name="value"/>, or null.</summary>
    public EnumOption? Find(string value) => Options.FirstOrDefault(o => o.Value == value);

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (value.ValueKind != JsonValueKind.String)
        {
            AddKindError(issues, path, $"one of the strings {Allowed}", value);
            return;
        }

        var s = value.GetString()!;
        if (Find(s) is null)
        {
            issues.Add(ValidationIssue.Error(path, $"{ControlJson.Quote(s)} is not one of: {Allowed}"));
        }
    }

    /// <inheritdoc />
    public override bool TryParseText(string text, ParseContext context, out JsonElement value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        var option = Find(t) ?? SingleOrNull(Options.Where(o => string.Equals(o.Value, t, StringComparison.OrdinalIgnoreCase)));
        if (option is not null)
        {
            value = ControlJson.String(option.Value);
            error = "";
            return true;
        }

        value = default;
        error = $"'{t}' is not one of: {Allowed}";
        return false;
    }

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) => WriteSchemaObject(writer, w =>
    {
        w.WriteString("type", "string");
        w.WriteStartArray("enum");
        foreach (var option in Options)
        {
            w.WriteStringValue(option.Value);
        }

        w.WriteEndArray();
        w.WriteStartArray("oneOf");
        foreach (var option in Options)
        {
            w.WriteStartObject();
            w.WriteString("const", option.Value);
            w.WriteString("title", option.Label.Length > 0 ? option.Label : option.Value);
            if (option.Description.Length > 0)
            {
                w.WriteString("description", option.Description);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private static EnumOption? SingleOrNull(IEnumerable<EnumOption> options)
    {
        var list = options.Take(2).ToList();
        return list.Count == 1 ? list[0] : null;
    }
}
