using System.Runtime.InteropServices;

namespace Editing.Host.Plugins;

/// <summary>
/// How to start a worker: <c>DOTNET exec --runtimeconfig Editing.Worker.runtimeconfig.json --depsfile
/// Editing.Worker.deps.json Editing.Worker.dll</c>. The worker dll is <see cref="PluginHostOptions.WorkerPath"/>, else
/// <c>$EDITING_WORKER</c>, else next to the host; dotnet is the running muxer (<see cref="Environment.ProcessPath"/>
/// when it is dotnet), else <c>$DOTNET_HOST_PATH</c>, else the one the running runtime belongs to, else <c>dotnet</c> on
/// PATH.
/// </summary>
internal sealed record WorkerLaunch(string DotnetPath, string WorkerPath, string RuntimeConfigPath, string? DepsPath)
{
    public const string WorkerFileName = "Editing.Worker.dll";

    /// <exception cref="FileNotFoundException">The worker or its runtimeconfig.json cannot be found; the message says
    /// where it looked.</exception>
    public static WorkerLaunch Resolve(string? configuredPath)
    {
        var candidates = new List<string>();
        var explicitPath = configuredPath ?? Environment.GetEnvironmentVariable(PluginHostOptions.WorkerEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            candidates.Add(Directory.Exists(explicitPath) ? Path.Combine(explicitPath, WorkerFileName) : explicitPath);
        }
        else
        {
            candidates.Add(Path.Combine(AppContext.BaseDirectory, WorkerFileName));
            if (Path.GetDirectoryName(typeof(WorkerLaunch).Assembly.Location) is { Length: > 0 } hostFolder)
            {
                candidates.Add(Path.Combine(hostFolder, WorkerFileName));
            }
        }

        var worker = candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"the plugin worker {WorkerFileName} was not found (looked at {string.Join(", ", candidates.Distinct())}); set {PluginHostOptions.WorkerEnvironmentVariable} to its path");
        var stem = worker[..^".dll".Length];
        var runtimeConfig = stem + ".runtimeconfig.json";
        if (!File.Exists(runtimeConfig))
        {
            throw new FileNotFoundException($"the plugin worker's {Path.GetFileName(runtimeConfig)} is missing next to {worker}");
        }

        var deps = stem + ".deps.json";
        return new WorkerLaunch(FindDotnet(), worker, runtimeConfig, File.Exists(deps) ? deps : null);
    }

    /// <summary>The arguments after the dotnet path.</summary>
    public IReadOnlyList<string> Arguments =>
        DepsPath is null
            ? ["exec", "--runtimeconfig", RuntimeConfigPath, WorkerPath]
            : ["exec", "--runtimeconfig", RuntimeConfigPath, "--depsfile", DepsPath, WorkerPath];

    private static string FindDotnet()
    {
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } process && Path.GetFileName(process).Equals(exe, StringComparison.OrdinalIgnoreCase))
        {
            return process;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var candidate = Path.Combine(root, exe);
        return File.Exists(candidate) ? candidate : exe;
    }
}
