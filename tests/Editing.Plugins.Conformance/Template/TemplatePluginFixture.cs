using System.Diagnostics;
using System.Text;

namespace Editing.Plugins.Conformance.Template;

/// <summary>
/// A plugin made from the <c>editing-tool</c> template the way a TD makes one, once per test class: the template is
/// installed into a private template hive (the machine's template cache is untouched), instantiated as
/// <c>Studio.MyTool</c> in a temporary folder outside the repository, and built with
/// <c>-p:EditingSdkPath=</c> the Editing.Sdk.dll of this test's output folder. The folder is deleted afterwards.
/// </summary>
public sealed class TemplatePluginFixture : IAsyncLifetime
{
    public const string Name = "Studio.MyTool";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private readonly StringBuilder _log = new();

    /// <summary>The temporary folder holding the template hive and the generated project.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "editing-template-" + Guid.NewGuid().ToString("N"));

    /// <summary>The generated project's folder.</summary>
    public string ProjectDirectory => Path.Combine(Folder, Name);

    /// <summary>The build output: the plugin folder.</summary>
    public string OutputDirectory => Path.Combine(ProjectDirectory, "bin", "Debug", "net10.0");

    /// <summary>The template's source folder in this repository.</summary>
    public static string TemplateDirectory => Path.Combine(RepositoryRoot(), "plugins", "templates", "editing-tool");

    /// <summary>The SDK assembly the plugin is built against: the one the host in this output folder loads.</summary>
    public static string SdkPath => Path.Combine(AppContext.BaseDirectory, "Editing.Sdk.dll");

    /// <summary>Everything the dotnet commands printed.</summary>
    public string Log => _log.ToString();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var hive = Path.Combine(Folder, "template-hive");
        await RunAsync(["new", "install", TemplateDirectory, "--debug:custom-hive", hive]);
        await RunAsync(["new", "editing-tool", "-n", Name, "-o", ProjectDirectory, "--debug:custom-hive", hive]);
        // No package references: restore needs no feed. NuGetAudit off so no vulnerability data is fetched either.
        await RunAsync(["build", ProjectDirectory, "-p:EditingSdkPath=" + SdkPath, "-p:NuGetAudit=false", "--disable-build-servers", "-nologo"]);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The system cleans its temporary folder.
        }

        return Task.CompletedTask;
    }

    private async Task RunAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetPath())
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under `dotnet test`, whose MSBuild variables would point a nested build at the wrong SDK
        // files; a TD's shell has none of them.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        var command = "dotnet " + string.Join(' ', arguments);
        _log.AppendLine("$ " + command);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + command);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {CommandTimeout.TotalMinutes} minutes{Environment.NewLine}{Log}");
        }

        _log.AppendLine(await output).AppendLine(await error);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} exited with {process.ExitCode}{Environment.NewLine}{Log}");
        }
    }

    private static string DotnetPath()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Editing.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Editing.sln not found above " + AppContext.BaseDirectory);
    }
}
