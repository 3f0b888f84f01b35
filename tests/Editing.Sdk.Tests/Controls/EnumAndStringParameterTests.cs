using Editing.Sdk.Controls;
using static Editing.Sdk.Tests.Controls.TestJson;

namespace Editing.Sdk.Tests.Controls;

public sealed class EnumAndStringParameterTests
{
    private static readonly EnumParameter Move = new("move")
    {
        Options =
        [
            new("static", "Static"),
            new("dolly-in", "Dolly in", "Camera travels toward the subject"),
            new("orbit", "Orbit"),
        ],
        Default = "static",
    };

    [Fact]
    public void Enum_default_is_valid()
    {
        Assert.Equal("\"static\"", DefaultJson(Move));
        AssertValid(Move, "\"static\"");
    }

    [Fact]
    public void Enum_values_persist_by_value_not_position()
    {
        // Given a stored request, When the options are reordered and relabelled, Then it still means the same choice.
        var stored = Text(Move, "orbit");
        Assert.Equal("\"orbit\"", stored);
        var reordered = new EnumParameter("move")
        {
            Options = [new("orbit", "Orbit around"), new("dolly-in", "Push in"), new("static", "Locked off")],
        };
        AssertValid(reordered, stored);
        Assert.Equal("expected one of the strings static, dolly-in, orbit, got the number 2", AssertSingleError(Move, "2"));
    }

    [Fact]
    public void Enum_unknown_value_error_lists_the_allowed_values() =>
        Assert.Equal("\"zoom\" is not one of: static, dolly-in, orbit", AssertSingleError(Move, "\"zoom\""));

    [Fact]
    public void Enum_text_accepts_the_value_case_insensitively_and_writes_its_exact_spelling()
    {
        Assert.Equal("\"dolly-in\"", Text(Move, "dolly-in"));
        Assert.Equal("\"dolly-in\"", Text(Move, "Dolly-In"));
        Assert.Equal("'Dolly in' is not one of: static, dolly-in, orbit", TextError(Move, "Dolly in"));
    }

    [Fact]
    public void Enum_option_values_must_be_unique_and_not_empty()
    {
        Assert.Throws<ArgumentException>(() => new EnumParameter("e") { Options = [new("a", "A"), new("a", "B")] });
        Assert.Throws<ArgumentException>(() => new EnumParameter("e") { Options = [new("", "Empty")] });
    }

    [Fact]
    public void Enum_default_outside_the_options_is_refused_by_the_schema()
    {
        var bad = new EnumParameter("e") { Options = [new("a", "A")], Default = "b" };
        var e = Assert.Throws<ArgumentException>(() => new ControlSchema(bad));
        Assert.Contains("e: default e: \"b\" is not one of: a", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void String_default_is_valid_and_text_is_kept_verbatim()
    {
        var prompt = new StringParameter("prompt") { Role = TextRole.Prompt, Default = "rain at night", MaxLength = 100 };
        AssertValid(prompt, DefaultJson(prompt));
        Assert.Equal("\"  two  spaces \"", Text(prompt, "  two  spaces "));
        Assert.Equal("expected a string, got the number 3", AssertSingleError(prompt, "3"));
    }

    [Fact]
    public void String_characters_count_unicode_scalar_values_not_utf16_units()
    {
        // "👍" is 2 UTF-16 units but one scalar value; "👍🏽" (thumb + skin tone) is two scalar values.
        Assert.Equal(1, StringParameter.MeasureLength("👍", TextLengthUnit.Characters));
        Assert.Equal(2, StringParameter.MeasureLength("👍🏽", TextLengthUnit.Characters));
        Assert.Equal(4, StringParameter.MeasureLength("👍", TextLengthUnit.Bytes));
        Assert.Equal(2, StringParameter.MeasureLength("é", TextLengthUnit.Bytes));
        Assert.Equal(3, StringParameter.MeasureLength("  a  b\nc ", TextLengthUnit.Words));
        Assert.Equal(0, StringParameter.MeasureLength(" \t", TextLengthUnit.Words));

        var name = new StringParameter("name") { MaxLength = 3 };
        AssertValid(name, "\"👍👍👍\"");
        Assert.Equal("is 4 characters long; the maximum is 3 characters", AssertSingleError(name, "\"👍👍👍👍\""));
    }

    [Fact]
    public void String_length_limits_use_the_declared_unit()
    {
        var words = new StringParameter("prompt") { MinLength = 2, MaxLength = 3, LengthUnit = TextLengthUnit.Words };
        AssertValid(words, "\"rain at night\"");
        Assert.Equal("is 4 words long; the maximum is 3 words", AssertSingleError(words, "\"rain at night, wet\""));
        Assert.Equal("is 1 word long; the minimum is 2 words", AssertSingleError(words, "\"rain\""));
        var bytes = new StringParameter("tag") { MaxLength = 3, LengthUnit = TextLengthUnit.Bytes };
        Assert.Equal("is 4 bytes (UTF-8) long; the maximum is 3 bytes (UTF-8)", AssertSingleError(bytes, "\"éé\""));
    }

    [Fact]
    public void String_names_and_paths_cannot_hold_line_breaks_and_paths_must_be_absolute()
    {
        var name = new StringParameter("take") { Role = TextRole.Name };
        Assert.Equal("a name cannot contain line breaks", AssertSingleError(name, "\"a\\nb\""));
        var path = new StringParameter("out") { Role = TextRole.Path };
        Assert.Contains("is not an absolute path", AssertSingleError(path, "\"relative/x.mov\""), StringComparison.Ordinal);
        var parsed = Parse(Text(path, "renders/x.mov")).GetString()!;
        Assert.Equal(Path.Combine(Context.BaseDirectory, "renders", "x.mov"), parsed);
        AssertValid(path, Text(path, "renders/x.mov"));
    }
}
