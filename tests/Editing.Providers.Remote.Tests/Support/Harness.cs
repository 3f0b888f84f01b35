using System.Collections.Concurrent;
using System.Text;
using Editing.Host.Media;
using Editing.Host.Plugins;
using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Remote.Tests.Support;

/// <summary>
/// Runs a remote provider the way the host does: its staged plugin folder (plugins/ in the test output, as the CLI
/// ships it) through <see cref="PluginHost"/>, in process by default for speed, with settings that point at a fake
/// server and poll fast. Captures every log line and progress message so tests can look for secrets.
/// </summary>
public sealed class Harness : IAsyncDisposable, IPluginLogger
{
    public static readonly string PluginsFolder = Path.Combine(AppContext.BaseDirectory, "plugins");

    private readonly PluginHost _host;
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("editing-remote-");

    public Harness(PluginRuntime runtime = PluginRuntime.InProcess)
    {
        var catalog = PluginCatalog.Discover(new PluginDiscoveryOptions { BuiltInDirectory = PluginsFolder, UserDirectory = null, EnvironmentPath = null });
        _host = new PluginHost(catalog, new PluginHostOptions { ForceRuntime = runtime, MediaServicesType = typeof(HostMediaServices) });
    }

    /// <summary>Every log line and progress message.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>The scratch folder (outputs land here).</summary>
    public string Scratch => _scratch.FullName;

    /// <summary>Settings for a fake server at <paramref name="baseUrl"/>: fast polls, short backoff, 3 attempts.</summary>
    public static Dictionary<string, string> FastSettings(string baseUrl) => new(StringComparer.Ordinal)
    {
        ["base_url"] = baseUrl,
        ["poll_seconds"] = "0.02",
        ["poll_floor_seconds"] = "0.02",
        ["poll_jitter_seconds"] = "0.01",
        ["retry_base_seconds"] = "0.01",
        ["timeout_seconds"] = "10",
        ["max_attempts"] = "3",
    };

    /// <summary>A random API key that is easy to search for.</summary>
    public static string NewKey(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>A tail extension request: 24 frames at 320×180, 24000/1001, from a 16-bit edge frame.</summary>
    public static GenerationRequest Extension(string model, int frames = 24) => new()
    {
        Mode = GenerationMode.Extension,
        ModelId = model,
        Size = new PixelSize(320, 180),
        Rate = new VideoRate(24000, 1001),
        FrameCount = frames,
        Seed = 7,
        Prompt = "",
        FirstFrame = VendorMedia.Still(),
        Direction = ExtensionDirection.Forward,
    };

    /// <summary>A fill request: 12 frames from a first to a last frame.</summary>
    public static GenerationRequest Fill(string model, int frames = 12) => Extension(model, frames) with
    {
        Mode = GenerationMode.ImageToVideo,
        LastFrame = VendorMedia.Still(),
        Prompt = "a slow push in",
    };

    /// <summary>Generates through the host.</summary>
    public Task<GenerationResult> GenerateAsync(string providerId, GenerationRequest request, IReadOnlyDictionary<string, string> settings,
        string? key, CancellationToken cancellationToken = default) =>
        _host.GenerateAsync(providerId, request, new ProviderRunOptions
        {
            ScratchDirectory = Path.Combine(Scratch, Guid.NewGuid().ToString("N")),
            Settings = settings,
            Secrets = key is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["api_key"] = key },
            Logger = this,
            Progress = new Progress(this),
        }, cancellationToken);

    /// <summary>The provider's validation of a request.</summary>
    public async Task<ProviderDescriptor> DescribeAsync(string providerId) => await _host.DescribeProviderAsync(providerId, CancellationToken.None);

    /// <summary>The failure of a generation that must fail.</summary>
    public async Task<PluginException> FailureAsync(string providerId, GenerationRequest request, IReadOnlyDictionary<string, string> settings, string? key)
    {
        var e = await Assert.ThrowsAnyAsync<PluginException>(() => GenerateAsync(providerId, request, settings, key));
        Output.Enqueue(e.ToString());
        return e;
    }

    /// <summary>Fails when <paramref name="key"/> appears in any captured output or any file under the scratch folder.</summary>
    public void AssertNoSecret(string key, params string[] more)
    {
        foreach (var text in Output.Concat(more))
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        }

        Secrets.AssertNotInFolder(key, Scratch);
    }

    public void Log(PluginLogLevel level, string message) => Output.Enqueue($"{level}: {message}");

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        try
        {
            _scratch.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Progress(Harness harness) : IProgress<PluginProgress>
    {
        public void Report(PluginProgress value) => harness.Output.Enqueue($"progress: {value}");
    }
}

/// <summary>Looks for a secret in files.</summary>
public static class Secrets
{
    /// <summary>Fails when any file under <paramref name="folder"/> holds <paramref name="key"/> (as bytes).</summary>
    public static void AssertNotInFolder(string key, string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        var needle = Encoding.UTF8.GetBytes(key);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"the API key appears in {file}");
        }
    }
}
