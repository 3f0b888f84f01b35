using System.Text;
using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// Text: a prompt, a negative prompt, a name, a path. JSON form: a string. Text form: the text as given (not trimmed);
/// for <see cref="TextRole.Path"/> a relative path is resolved against <see cref="ParseContext.BaseDirectory"/>.
/// <see cref="MinLength"/>/<see cref="MaxLength"/> are counted in <see cref="LengthUnit"/> (Unicode scalar values,
/// words or UTF-8 bytes); a value outside them is an error. Form widget: <c>textarea</c> for multi-line text and
/// prompts, <c>file</c> for paths, else <c>text</c>.
/// </summary>
public sealed class StringParameter : ControlParameter
{
    /// <summary>Creates a text parameter with the given id.</summary>
    public StringParameter(string id)
        : base(id)
    {
    }

    /// <summary>The longest allowed text in <see cref="LengthUnit"/>, or null for no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int? MaxLength { get; init => field = NotNegative(value); }

    /// <summary>The shortest allowed text in <see cref="LengthUnit"/>, or null (0) for none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int? MinLength { get; init => field = NotNegative(value); }

    /// <summary>How <see cref="MinLength"/> and <see cref="MaxLength"/> count (Unicode scalar values unless set).</summary>
    public TextLengthUnit LengthUnit { get; init; }

    /// <summary>What the text is (free text unless set).</summary>
    public TextRole Role { get; init; }

    /// <summary>True when line breaks are expected (a text area rather than a one-line field).</summary>
    public bool Multiline { get; init; }

    /// <summary>The text when none is given, or null for no default.</summary>
    public string? Default { get; init; }

    /// <inheritdoc />
    public override string TypeName => "string";

    /// <inheritdoc />
    public override JsonElement? DefaultValue => Default is { } d ? ControlJson.String(d) : null;

    private protected override string Widget => Role switch
    {
        TextRole.Path => "file",
        TextRole.Prompt or TextRole.NegativePrompt => "textarea",
        _ => Multiline ? "textarea" : "text",
    };

    /// <summary>
    /// The length of <paramref name="text"/> in <paramref name="unit"/>: Unicode scalar values ("👍" is 1, not 2
    /// UTF-16 units), whitespace-separated words, or UTF-8 bytes.
    /// </summary>
    public static int MeasureLength(string text, TextLengthUnit unit)
    {
        ArgumentNullException.ThrowIfNull(text);
        return unit switch
        {
            TextLengthUnit.Words => CountWords(text),
            TextLengthUnit.Bytes => Encoding.UTF8.GetByteCount(text),
            _ => text.EnumerateRunes().Count(),
        };
    }

    /// <inheritdoc />
    public override void Validate(JsonElement value, string path, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (value.ValueKind != JsonValueKind.String)
        {
            AddKindError(issues, path, "a string", value);
            return;
        }

        var text = value.GetString()!;
        var length = MeasureLength(text, LengthUnit);
        if (MaxLength is { } max && length > max)
        {
            issues.Add(ValidationIssue.Error(path, $"is {length} {UnitName(length)} long; the maximum is {max} {UnitName(max)}"));
        }

        if (MinLength is { } min && length < min)
        {
            issues.Add(ValidationIssue.Error(path, $"is {length} {UnitName(length)} long; the minimum is {min} {UnitName(min)}"));
        }

        if (Role is TextRole.Name or TextRole.Path && text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            issues.Add(ValidationIssue.Error(path, $"a {ControlJson.Kebab(Role)} cannot contain line breaks"));
        }

        if (Role == TextRole.Path && text.Length > 0 && !System.IO.Path.IsPathFullyQualified(text))
        {
            issues.Add(ValidationIssue.Error(path, $"{ControlJson.Quote(text)} is not an absolute path"));
        }
    }

    /// <inheritdoc />
    public override bool TryParseText(string text, ParseContext context, out JsonElement value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var result = text;
        if (Role == TextRole.Path && text.Length > 0 && !System.IO.Path.IsPathFullyQualified(text))
        {
            result = System.IO.Path.GetFullPath(text, context.BaseDirectory);
        }

        value = ControlJson.String(result);
        error = "";
        return true;
    }

    /// <inheritdoc />
    public override void WriteJsonSchema(Utf8JsonWriter writer) => WriteSchemaObject(writer, w =>
    {
        w.WriteString("type", "string");

        // JSON Schema's minLength/maxLength count Unicode scalar values, as Characters does; other units are hints.
        if (LengthUnit == TextLengthUnit.Characters)
        {
            WriteOptional(w, "minLength", MinLength);
            WriteOptional(w, "maxLength", MaxLength);
        }
        else
        {
            WriteOptional(w, "x-editing-min-length", MinLength);
            WriteOptional(w, "x-editing-max-length", MaxLength);
        }

        w.WriteString("x-editing-length-unit", ControlJson.Kebab(LengthUnit));
        w.WriteString("x-editing-role", ControlJson.Kebab(Role));
        if (Multiline)
        {
            w.WriteBoolean("x-editing-multiline", true);
        }
    });

    private static void WriteOptional(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static int? NotNegative(int? value) =>
        value is < 0 ? throw new ArgumentOutOfRangeException(nameof(value), value, "a length cannot be negative") : value;

    private static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                count++;
            }

            inWord = !space;
        }

        return count;
    }

    private string UnitName(int count) => LengthUnit switch
    {
        TextLengthUnit.Words => count == 1 ? "word" : "words",
        TextLengthUnit.Bytes => count == 1 ? "byte (UTF-8)" : "bytes (UTF-8)",
        _ => count == 1 ? "character" : "characters",
    };
}
