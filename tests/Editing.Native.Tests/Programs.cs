using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Editing.Native.Tests;

/// <summary>Runs the child programs the tests drive (cmake, ctest, python3, luajit) and finds the repository.</summary>
internal static class Programs
{
    public sealed record Result(int ExitCode, string Output)
    {
        /// <summary>The end of the child's output, for assertion messages.</summary>
        public string Tail => Output.Length <= 30_000 ? Output : "...\n" + Output[^30_000..];
    }

    public static string RepositoryRoot => Metadata("EditingRepositoryRoot");

    public static string NativeDirectory => Metadata("EditingNativeDirectory");

    /// <summary>The editing program built next to the tests (with plugins/ staged beside it).</summary>
    public static string Cli => Path.Combine(AppContext.BaseDirectory, "editing");

    private static string Metadata(string key) =>
        typeof(Programs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>Fails the test, naming the Debian package, when <paramref name="program"/> is not on PATH.</summary>
    public static string Require(string program, string debianPackage)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"{program} is not installed: apt-get install -y {debianPackage}");
        return program;
    }

    /// <summary>The root of the running .NET installation (the folder holding <c>host/fxr</c>), or null.</summary>
    private static string? DotnetRoot()
    {
        // CoreLib lives in ROOT/shared/Microsoft.NETCore.App/VERSION/.
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        return Directory.Exists(Path.Combine(root, "host", "fxr")) ? root : null;
    }

    /// <summary>Runs a program to completion (stdout and stderr interleaved into one text).</summary>
    public static Result Run(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 300)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        // libediting finds hostfxr through nethost, which looks at DOTNET_ROOT and the default install folders but
        // not at PATH: point it at the .NET this test runs on, wherever the SDK was installed.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")) && DotnetRoot() is { } root)
        {
            psi.Environment["DOTNET_ROOT"] = root;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output)
            {
                Assert.Fail($"{program} {string.Join(' ', psi.ArgumentList)} did not finish in {timeoutSeconds} s:\n{output}");
            }
        }

        process.WaitForExit();
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }

    /// <summary>Asserts a zero exit code, showing the command and its output when it is not.</summary>
    public static Result Succeeds(this Result result, string what)
    {
        Assert.True(result.ExitCode == 0, $"{what} exited with {result.ExitCode}:\n{result.Tail}");
        return result;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
