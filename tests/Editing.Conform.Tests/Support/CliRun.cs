using Editing.Cli.Commands;

namespace Editing.Conform.Tests.Support;

/// <summary>Runs <c>editing conform</c> in process through <see cref="ConformCommand"/>, capturing what it prints.</summary>
internal static class CliRun
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Conform(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var command = ConformCommand.Create(stdout, stderr);
        var exit = command.Parse(args).Invoke();
        return new Result(exit, stdout.ToString(), stderr.ToString());
    }
}
