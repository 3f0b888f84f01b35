using System.Globalization;
using BenchmarkDotNet.Attributes;
using Editing.Host.Plugins;
using Editing.Otio.OpenTime;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Tools;

namespace Editing.Benchmarks;

/// <summary>
/// The plugin host's fixed costs: discovering 50 plugin folders (plugin.json read and checked, entry file looked up,
/// no code loaded); starting a worker (process start, <c>initialize</c> which loads the plugin, <c>describe</c>); and
/// the per-call overhead of a trivial <c>tool.validate</c> through a running worker against the same call in process.
/// The worker calls use the good test plugin (tests/TestPlugins), copied next to this assembly by the build.
/// </summary>
[MemoryDiagnoser]
public class PluginBenchmarks
{
    private readonly ControlValues _values = ControlValues.FromJson("{\"text\": \"rain\", \"seed\": 7}");
    private readonly ClipContext _clip = new()
    {
        Kind = ItemKind.Clip,
        Name = "sh010",
        ItemPath = "tracks.children[0].children[0]",
        Rate = new VideoRate(24, 1),
        Size = PixelSize.Hd1080,
        RecordRange = new TimeRange(new RationalTime(0, 24), new RationalTime(48, 24)),
        SourceRange = new TimeRange(new RationalTime(86400, 24), new RationalTime(48, 24)),
    };

    private string _fiftyRoot = string.Empty;
    private PluginDiscoveryOptions _fifty = new();
    private PluginCatalog _testPlugins = PluginCatalog.Empty;
    private PluginHost? _worker;
    private PluginHost? _inProcess;
    private PluginHost? _started;

    /// <summary>Writes 50 plugin folders and starts one worker and one in-process instance of the good test plugin.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fiftyRoot = Path.Combine(Path.GetTempPath(), "editing-bench-plugins-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < 50; i++)
        {
            var folder = Path.Combine(_fiftyRoot, $"plugin{i:00}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "plugin.json"), string.Create(CultureInfo.InvariantCulture, $$"""
                {
                  "id": "com.bench.plugin{{i:00}}",
                  "version": "1.{{i}}.0",
                  "sdk": "^1.0",
                  "entry": "Bench.Plugin{{i:00}}.dll",
                  "tools": ["com.bench.plugin{{i:00}}.blur", "com.bench.plugin{{i:00}}.grade"],
                  "providers": ["com.bench.plugin{{i:00}}.model"],
                  "displayName": "Bench plugin {{i}}",
                  "timeouts": { "runSeconds": 600 }
                }
                """));
            File.WriteAllBytes(Path.Combine(folder, $"Bench.Plugin{i:00}.dll"), []);
        }

        _fifty = new PluginDiscoveryOptions { BuiltInDirectory = _fiftyRoot, UserDirectory = null, EnvironmentPath = null };
        _testPlugins = PluginCatalog.Discover(new PluginDiscoveryOptions
        {
            BuiltInDirectory = Path.Combine(AppContext.BaseDirectory, "plugins"),
            UserDirectory = null,
            EnvironmentPath = null,
        });
        if (_testPlugins.FindTool("test.echo") is not { IsUsable: true })
        {
            throw new InvalidOperationException("the good test plugin is not in " + Path.Combine(AppContext.BaseDirectory, "plugins"));
        }

        _worker = new PluginHost(_testPlugins, new PluginHostOptions { ForceRuntime = PluginRuntime.Process });
        _inProcess = new PluginHost(_testPlugins, new PluginHostOptions { ForceRuntime = PluginRuntime.InProcess });
        ValidateThroughWorker().GetAwaiter().GetResult();
        ValidateInProcess().GetAwaiter().GetResult();
    }

    /// <summary>Stops the worker and deletes the generated folders.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _worker?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _inProcess?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_fiftyRoot, recursive: true);
    }

    /// <summary>Discovery of 50 plugin folders: read, parse and check every plugin.json; no code is loaded.</summary>
    [Benchmark]
    public int DiscoverFiftyPlugins() => PluginCatalog.Discover(_fifty).Plugins.Count(p => p.IsUsable);

    /// <summary>A new worker: process start, <c>initialize</c> (the plugin is loaded) and <c>describe</c>.</summary>
    [Benchmark]
    public async Task<int> WorkerStartInitializeDescribe()
    {
        _started = new PluginHost(_testPlugins, new PluginHostOptions { ForceRuntime = PluginRuntime.Process });
        var description = await _started.GetPlugin("test.good").DescribeAsync(CancellationToken.None);
        return description.Tools.Count;
    }

    /// <summary>Stops the worker the start-up benchmark started (not part of the measurement).</summary>
    [IterationCleanup(Target = nameof(WorkerStartInitializeDescribe))]
    public void StopStartedWorker()
    {
        _started?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _started = null;
    }

    /// <summary>A trivial <c>tool.validate</c> round trip through the running worker.</summary>
    [Benchmark]
    public async Task<int> ValidateThroughWorker() =>
        (await _worker!.ValidateToolAsync("test.echo", _clip, _values, CancellationToken.None)).Count;

    /// <summary>The same validation in process (the plugin's own work plus the host's call path).</summary>
    [Benchmark]
    public async Task<int> ValidateInProcess() =>
        (await _inProcess!.ValidateToolAsync("test.echo", _clip, _values, CancellationToken.None)).Count;
}
