namespace Editing.Media.Execution;

/// <summary>What a successful run left behind.</summary>
/// <param name="ExitCode">Always 0 for a result (failures throw).</param>
/// <param name="Stdout">stdout text when <see cref="ToolInvocation.CaptureStdout"/> was set, else empty.</param>
/// <param name="StderrTail">The last lines of stderr (warnings that did not fail the run).</param>
internal sealed record ToolResult(int ExitCode, string Stdout, string StderrTail);
