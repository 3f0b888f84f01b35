using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// An on/off switch. JSON form: <c>true</c> or <c>false</c>. Text form (case-insensitive): <c>true</c>/<c>false</c>,
/// <c>yes</c>/<c>no</c>, <c>1</c>/<c>0</c>, <c>on</c>/<c>off</c>. Form widget: <c>checkbox</c>.
/// </summary>
public sealed class BoolParameter : ControlParameter
{
    /// <summary>Creates a switch with the given id.</summary>
    public BoolParameter(string id)
        : base(id)
    {
    }

    /// <summary>The value when none is given (false unless set).</summary>
    public bool Default { get; init; }

    /// <inheritdoc />
    public override string TypeName => "bool";

    /// <inheritdoc />
    public override JsonElement? DefaultValue => ControlJson.Bool(Default);

    private protected override string Widget => "checkbox";

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            AddKindError(issues, path, "true or false", value);
        }
    }

    /// <inheritdoc />
    public override bool TryParseText(string text, ParseContext context, out JsonElement value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        bool? parsed = text.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "1" or "on" => true,
            "false" or "no" or "0" or "off" => false,
            _ => null,
        };
        if (parsed is { } b)
        {
            value = ControlJson.Bool(b);
            error = "";
            return true;
        }

        value = default;
        error = $"'{text}' is not a switch value (expected true/false, yes/no, 1/0 or on/off)";
        return false;
    }

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) =>
        WriteSchemaObject(writer, w => w.WriteString("type", "boolean"));
}
