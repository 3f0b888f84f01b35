using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Tools;

namespace Editing.Tools.Shared;

/// <summary>What every tool does before it runs: normalize the values and refuse what validation refuses.</summary>
internal static class ToolRun
{
    /// <summary>
    /// Normalizes <paramref name="values"/> (filling defaults) and throws when the schema or the tool's own checks
    /// find errors: the host validates before running, but a caller that skipped it must not get half a result.
    /// </summary>
    /// <returns>The normalized values. Validation warnings are not repeated: the host shows them before the run.</returns>
    public static ControlValues Prepare(IControllableTool tool, ClipContext clip, ControlValues values)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(values);
        var schemaIssues = tool.Descriptor.Schema.Validate(values);
        var normalized = tool.Descriptor.Schema.Normalize(values);
        var issues = schemaIssues.Any(i => i.Severity == ValidationSeverity.Error) ? schemaIssues : [.. schemaIssues, .. tool.Validate(clip, normalized)];
        var errors = issues.Where(i => i.Severity == ValidationSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new PluginException($"{tool.Descriptor.Id} cannot run: " + string.Join("; ", errors));
        }

        return normalized;
    }

    /// <summary>A token cancelled by either the call's token or the context's.</summary>
    public static CancellationTokenSource Link(PluginContext context, CancellationToken cancellationToken) =>
        CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken);
}
