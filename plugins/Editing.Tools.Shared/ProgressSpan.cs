using Editing.Sdk;

namespace Editing.Tools.Shared;

/// <summary>
/// Maps the 0..1 progress of one step onto its share [<c>start</c>, <c>end</c>] of the whole call, so a tool made of
/// several steps (generate, then encode) reports one fraction that never goes backwards.
/// </summary>
internal sealed class ProgressSpan(PluginContext context, double start, double end, string? message = null) : IProgress<double>
{
    public void Report(double value)
    {
        var fraction = double.IsFinite(value) ? Math.Clamp(value, 0, 1) : 0;
        context.ReportProgress(start + ((end - start) * fraction), message);
    }

    /// <summary>Reports the start of the step with its message.</summary>
    public ProgressSpan Begin()
    {
        context.ReportProgress(start, message);
        return this;
    }
}
