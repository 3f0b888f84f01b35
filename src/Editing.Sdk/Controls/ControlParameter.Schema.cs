using System.Text.Json;

namespace Editing.Sdk.Controls;

// JSON Schema writing shared by every parameter type, and the canonical-form hook Normalize uses.
public abstract partial class ControlParameter
{
    /// <summary>The <c>x-editing-widget</c> hint: which form control edits this parameter.</summary>
    private protected abstract string Widget { get; }

    /// <summary>
    /// The canonical JSON of a value of this parameter (fixed key order, shortest number form, omitted zeros), so equal
    /// values serialize to equal text. A value that cannot be read is returned unchanged (validation reports it).
    /// </summary>
    internal virtual JsonElement Canonicalize(JsonElement value) => value;

    /// <summary>Problems with the parameter's own definition (e.g. a default outside its range), for the schema's
    /// constructor to refuse.</summary>
    internal virtual IEnumerable<string> DefinitionProblems()
    {
        if (DefaultValue is { } d)
        {
            var issues = new List<ValidationIssue>();
            Validate(d, Id, issues);
            foreach (var issue in issues.Where(i => i.Severity == ValidationSeverity.Error))
            {
                yield return $"default {issue.ParamId}: {issue.Message}";
            }
        }
    }

    /// <summary>
    /// Writes <c>{ ...type-specific keywords..., "title", "description", "default", "x-editing-type",
    /// "x-editing-widget", "x-editing-group", "x-editing-advanced" }</c>.
    /// </summary>
    private protected void WriteSchemaObject(Utf8JsonWriter writer, Action<Utf8JsonWriter> keywords)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        keywords(writer);
        writer.WriteString("title", Label);
        if (Description.Length > 0)
        {
            writer.WriteString("description", Description);
        }

        if (DefaultValue is { } d)
        {
            writer.WritePropertyName("default");
            d.WriteTo(writer);
        }

        writer.WriteString("x-editing-type", TypeName);
        writer.WriteString("x-editing-widget", Widget);
        if (Group.Length > 0)
        {
            writer.WriteString("x-editing-group", Group);
        }

        if (Advanced)
        {
            writer.WriteBoolean("x-editing-advanced", true);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes <paramref name="value"/> as a JSON number when present.</summary>
    private protected static void WriteOptional(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    /// <summary>Writes <paramref name="value"/> as a JSON integer when present.</summary>
    private protected static void WriteOptional(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    /// <summary>Adds the wrong-kind error: <c>expected an integer, got the string "abc"</c>.</summary>
    private protected static void AddKindError(ICollection<ValidationIssue> issues, string path, string expected, JsonElement value) =>
        issues.Add(ValidationIssue.Error(path, $"expected {expected}, got {ControlJson.Describe(value)}"));
}
