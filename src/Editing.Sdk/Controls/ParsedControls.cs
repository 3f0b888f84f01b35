namespace Editing.Sdk.Controls;

/// <summary>
/// The result of <see cref="ControlSchema.ParseArguments"/>: the values that could be read and every problem with the
/// arguments (unknown ids, missing <c>=</c>, unreadable text, repeated ids). Validate the values with
/// <see cref="ControlSchema.Validate"/> too before running: parsing checks shapes, not ranges.
/// </summary>
/// <param name="Values">The values read, in the order their ids were first given.</param>
/// <param name="Issues">Errors and warnings about the arguments themselves.</param>
public sealed record ParsedControls(ControlValues Values, IReadOnlyList<ValidationIssue> Issues)
{
    /// <summary>True when no issue is an error.</summary>
    public bool Succeeded => Issues.All(i => i.Severity != ValidationSeverity.Error);
}
