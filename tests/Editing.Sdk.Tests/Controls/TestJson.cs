using System.Text.Json;
using Editing.Sdk.Controls;

namespace Editing.Sdk.Tests.Controls;

/// <summary>Helpers: parse JSON literals, validate one parameter, parse text forms.</summary>
internal static class TestJson
{
    public static ParseContext Context { get; } = new(24, Path.Combine(Path.GetTempPath(), "editing-sdk-tests-base"));

    public static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    public static List<ValidationIssue> Validate(ControlParameter parameter, string json)
    {
        var issues = new List<ValidationIssue>();
        parameter.Validate(Parse(json), parameter.Id, issues);
        return issues;
    }

    public static List<ValidationIssue> Errors(ControlParameter parameter, string json) =>
        Validate(parameter, json).Where(i => i.Severity == ValidationSeverity.Error).ToList();

    public static List<ValidationIssue> Warnings(ControlParameter parameter, string json) =>
        Validate(parameter, json).Where(i => i.Severity == ValidationSeverity.Warning).ToList();

    /// <summary>The compact JSON the text parses to (fails the test when it does not parse).</summary>
    public static string Text(ControlParameter parameter, string text, ParseContext? context = null)
    {
        Assert.True(parameter.TryParseText(text, context ?? Context, out var value, out var error), $"'{text}' did not parse: {error}");
        Assert.Equal("", error);
        return value.GetRawText();
    }

    /// <summary>The error message for text that must not parse.</summary>
    public static string TextError(ControlParameter parameter, string text, ParseContext? context = null)
    {
        Assert.False(parameter.TryParseText(text, context ?? Context, out _, out var error), $"'{text}' parsed but should not");
        Assert.NotEmpty(error);
        return error;
    }

    /// <summary>Asserts the value is valid (no errors, no warnings).</summary>
    public static void AssertValid(ControlParameter parameter, string json) => Assert.Empty(Validate(parameter, json));

    /// <summary>Asserts exactly one error, reported under <paramref name="path"/>, and returns its message.</summary>
    public static string AssertSingleError(ControlParameter parameter, string json, string? path = null)
    {
        var issues = Validate(parameter, json);
        var issue = Assert.Single(issues);
        Assert.Equal(ValidationSeverity.Error, issue.Severity);
        Assert.Equal(path ?? parameter.Id, issue.ParamId);
        return issue.Message;
    }

    /// <summary>Asserts exactly one warning, reported under the parameter's id, and returns its message.</summary>
    public static string AssertSingleWarning(ControlParameter parameter, string json)
    {
        var issue = Assert.Single(Validate(parameter, json));
        Assert.Equal(ValidationSeverity.Warning, issue.Severity);
        Assert.Equal(parameter.Id, issue.ParamId);
        return issue.Message;
    }

    /// <summary>The parameter's JSON Schema subschema.</summary>
    public static JsonElement SchemaOf(ControlParameter parameter)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            parameter.WriteJsonSchema(writer);
        }

        using var doc = JsonDocument.Parse(stream.ToArray());
        return doc.RootElement.Clone();
    }

    /// <summary>The default's JSON text.</summary>
    public static string DefaultJson(ControlParameter parameter) => parameter.DefaultValue?.GetRawText() ?? "(none)";
}
