using System.Diagnostics;

namespace Editing.Providers.Local.Tests.Support;

/// <summary>
/// Runs the built <c>editing</c> program in a separate process with a clean configuration: no user configuration
/// file or user plugins (HOME, XDG folders point into <paramref name="home"/>), plus the given variables.
/// </summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + "\n" + Stderr;
    }

    public static Result Run(string home, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("EDITING_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(name);
        }

        psi.Environment["HOME"] = home;
        psi.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        psi.Environment["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share");
        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }

        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add("--runtimeconfig");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "editing.runtimeconfig.json"));
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "editing.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(180_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"editing {string.Join(' ', args)} did not finish");
        }

        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
