namespace Editing.Sdk.Controls;

/// <summary>
/// One problem found while validating a request. Validation reports every issue at once, before any work starts.
/// </summary>
/// <param name="Severity">Error (the request is refused) or warning.</param>
/// <param name="ParamId">The parameter's id, with an index or key for nested values (<c>refs[1]</c>,
/// <c>strength[2].frame</c>); empty for an issue with the request as a whole (e.g. the clip has no media).</param>
/// <param name="Message">What is wrong and what is expected, e.g. <c>1.5 is above the maximum 1</c>.</param>
public sealed record ValidationIssue(ValidationSeverity Severity, string ParamId, string Message)
{
    /// <summary>Creates an error.</summary>
    public static ValidationIssue Error(string paramId, string message) => new(ValidationSeverity.Error, paramId, message);

    /// <summary>Creates a warning.</summary>
    public static ValidationIssue Warning(string paramId, string message) => new(ValidationSeverity.Warning, paramId, message);

    /// <summary><c>error strength: 1.5 is above the maximum 1</c>.</summary>
    public override string ToString() =>
        (Severity == ValidationSeverity.Error ? "error" : "warning") + (ParamId.Length > 0 ? " " + ParamId : "") + ": " + Message;
}
