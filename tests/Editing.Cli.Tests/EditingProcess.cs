using System.Diagnostics;

namespace Editing.Cli.Tests;

/// <summary>Runs the built <c>editing</c> program as a separate process, the way scripts and editors call it.</summary>
internal static class EditingProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string Sample => Path.Combine(AppContext.BaseDirectory, "samples", "cut.otio");

    public static Result Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    /// <summary>Runs with extra environment variables. The result cache is off unless the caller sets
    /// <c>EDITING_CACHE_DIR</c>, so each test sees its own work.</summary>
    public static Result Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "editing.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (environment.ContainsKey("EDITING_CACHE_DIR"))
        {
            psi.Environment.Remove("EDITING_NO_CACHE");
        }
        else
        {
            psi.Environment["EDITING_NO_CACHE"] = "1";
        }

        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add("--runtimeconfig");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "editing.runtimeconfig.json"));
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"editing {string.Join(' ', args)} did not finish");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    public static DirectoryInfo TempDir() => Directory.CreateTempSubdirectory("editing-cli-");
}
