namespace Editing.Cli.Commands;

/// <summary>One finding of <c>editing validate</c>.</summary>
internal sealed record TimelineProblem(string Severity, string Path, string Message);
