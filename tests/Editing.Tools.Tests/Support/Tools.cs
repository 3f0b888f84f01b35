using Editing.Sdk.Controls;
using Editing.Sdk.Tools;
using Editing.Tools.Extend;
using Editing.Tools.Generate;
using Editing.Tools.Retime;
using Editing.Tools.Versions;

namespace Editing.Tools.Tests.Support;

/// <summary>The built-in tools by id, and the plugin project each belongs to.</summary>
public static class Tools
{
    public static readonly IReadOnlyDictionary<string, string> PluginOf = new Dictionary<string, string>
    {
        ["editing.extend"] = "Editing.Tools.Extend",
        ["editing.handles"] = "Editing.Tools.Extend",
        ["editing.fill"] = "Editing.Tools.Generate",
        ["editing.replace"] = "Editing.Tools.Generate",
        ["editing.variations"] = "Editing.Tools.Generate",
        ["editing.pick"] = "Editing.Tools.Versions",
        ["editing.retime"] = "Editing.Tools.Retime",
    };

    public static IControllableTool Create(string id) => id switch
    {
        "editing.extend" => new ExtendTool(),
        "editing.handles" => new HandlesTool(),
        "editing.fill" => new FillTool(),
        "editing.replace" => new ReplaceTool(),
        "editing.variations" => new VariationsTool(),
        "editing.pick" => new PickTool(),
        "editing.retime" => new RetimeTool(),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "not a built-in tool"),
    };

    /// <summary>Values from a JSON object, e.g. <c>{"side": "head"}</c>.</summary>
    public static ControlValues Values(string json = "{}") => ControlValues.FromJson(json);

    /// <summary>Validates as the host does: the schema first, then the tool, on normalized values.</summary>
    public static IReadOnlyList<ValidationIssue> Validate(IControllableTool tool, ClipContext clip, ControlValues values)
    {
        var schema = tool.Descriptor.Schema.Validate(values);
        return schema.Any(i => i.Severity == ValidationSeverity.Error)
            ? schema
            : [.. schema, .. tool.Validate(clip, tool.Descriptor.Schema.Normalize(values))];
    }
}
