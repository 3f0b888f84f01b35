using System.Text.Json;
using System.Text.RegularExpressions;

namespace Editing.Sdk.Controls;

/// <summary>
/// One typed parameter of a tool's control schema. The set of parameter types is closed (the host, the CLI, the
/// review page and persisted job files must all understand every type), so this class cannot be derived from outside
/// the SDK. The <see cref="Id"/> never changes once published: values are persisted by id. Renaming a parameter is a
/// tool version bump with an upgrade step.
/// </summary>
public abstract partial class ControlParameter
{
    private static readonly Regex IdPattern = new("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$", RegexOptions.CultureInvariant);

    /// <summary>Creates a parameter with an id made of lower-case letters, digits, '_' and '.' separators.</summary>
    /// <exception cref="ArgumentException">The id does not match <c>^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$</c>.</exception>
    private protected ControlParameter(string id)
    {
        if (id is null || !IdPattern.IsMatch(id))
        {
            throw new ArgumentException($"parameter id '{id}' must match ^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$ (e.g. camera_motion)", nameof(id));
        }

        Id = id;
    }

    /// <summary>The immutable id values are persisted under (e.g. <c>strength</c>).</summary>
    public string Id { get; }

    /// <summary>The type name used in descriptions and JSON Schema hints (<c>bool</c>, <c>int</c>, <c>float</c>, ...).</summary>
    public abstract string TypeName { get; }

    /// <summary>Short human label for forms; defaults to the id.</summary>
    public string Label { get => field.Length > 0 ? field : Id; init => field = value ?? ""; } = "";

    /// <summary>One or two sentences for help text and tooltips.</summary>
    public string Description { get; init => field = value ?? ""; } = "";

    /// <summary>Optional group name for forms (e.g. <c>Camera</c>).</summary>
    public string Group { get; init => field = value ?? ""; } = "";

    /// <summary>True when the request must carry a value (there is no usable default).</summary>
    public bool Required { get; init; }

    /// <summary>True for parameters a form hides behind an "advanced" switch.</summary>
    public bool Advanced { get; init; }

    /// <summary>The default as its persisted JSON value, or null when the parameter has none.</summary>
    public abstract JsonElement? DefaultValue { get; }

    /// <summary>Checks one value, adding every problem to <paramref name="issues"/> under <paramref name="path"/>.</summary>
    /// <param name="value">The persisted JSON value.</param>
    /// <param name="path">The id (or nested path) to report issues under.</param>
    /// <param name="issues">Receives errors and warnings.</param>
    public abstract void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues);

    /// <summary>
    /// Parses the command-line text form (<c>--param id=TEXT</c>) into the persisted JSON value. Does not check ranges
    /// (that is <see cref="Validate"/>'s job) but does check the text's shape.
    /// </summary>
    /// <param name="text">The text after <c>=</c>.</param>
    /// <param name="context">Rate for time values and the base folder for relative paths.</param>
    /// <param name="value">The parsed value.</param>
    /// <param name="error">What is wrong with the text when parsing fails.</param>
    public abstract bool TryParseText(string text, ParseContext context, out JsonElement value, out string error);

    /// <summary>Writes this parameter's JSON Schema 2020-12 subschema (with <c>x-editing-*</c> UI hints).</summary>
    public abstract void WriteJsonSchema(Utf8JsonWriter writer);

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({TypeName})";
}
