using Editing.Host.Media;
using Editing.Host.Plugins;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Local.Tests.Support;

/// <summary>
/// Runs a provider the way <c>editing apply</c> does: discovered as a built-in plugin in <c>plugins/</c> of this output
/// folder, started in its own worker process, given settings and secrets through <see cref="ProviderRunOptions"/>.
/// </summary>
internal sealed class ProviderHarness : IAsyncDisposable
{
    private readonly PluginHost _host;

    public ProviderHarness()
    {
        Folder = Directory.CreateTempSubdirectory("editing-providers-").FullName;
        var catalog = PluginCatalog.Discover(new PluginDiscoveryOptions
        {
            BuiltInDirectory = Path.Combine(AppContext.BaseDirectory, "plugins"),
            UserDirectory = null,
            EnvironmentPath = null,
        });
        _host = new PluginHost(catalog, new PluginHostOptions
        {
            MediaServicesType = typeof(HostMediaServices),
            MediaServicesFactory = () => new HostMediaServices(),
            CancellationGracePeriod = TimeSpan.FromSeconds(5),
        });
    }

    public string Folder { get; }

    public PluginHost Host => _host;

    public List<PluginProgress> Progress { get; } = [];

    public Task<ProviderDescriptor> DescribeAsync(string providerId) => _host.DescribeProviderAsync(providerId, CancellationToken.None);

    public Task<GenerationResult> GenerateAsync(string providerId, GenerationRequest request, IReadOnlyDictionary<string, string> settings,
        IReadOnlyDictionary<string, string>? secrets = null, CancellationToken cancellationToken = default) =>
        _host.GenerateAsync(providerId, request, new ProviderRunOptions
        {
            ScratchDirectory = Directory.CreateDirectory(Path.Combine(Folder, "scratch-" + Guid.NewGuid().ToString("N")[..6])).FullName,
            Settings = settings,
            Secrets = secrets ?? new Dictionary<string, string>(),
            Progress = new SyncProgress(p =>
            {
                lock (Progress)
                {
                    Progress.Add(p);
                }
            }),
        }, cancellationToken);

    /// <summary>A 16-bit PNG like the host's edge frames.</summary>
    public string Still(string name, string filter = "testsrc2=size=160x90")
    {
        var path = Path.Combine(Folder, name);
        Editing.Cli.Tests.TestCut.Ffmpeg("-f", "lavfi", "-i", filter, "-frames:v", "1", "-pix_fmt", "rgb48be", path);
        return path;
    }

    /// <summary>A ProRes clip at 24000/1001.</summary>
    public string Clip(string name, int frames = 24)
    {
        var path = Path.Combine(Folder, name);
        Editing.Cli.Tests.TestCut.Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x90:rate=24000/1001", "-frames:v", frames.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c:v", "prores_ks", "-profile:v", "3", "-pix_fmt", "yuv422p10le", path);
        return path;
    }

    /// <summary>Image-to-video at 160x90, 24000/1001 (for ComfyUI pass <c>ltx-video</c> or another model: the default, Wan, generates at 1280x720 for 16:9).</summary>
    public static GenerationRequest ImageToVideo(string first, string? last = null, int frames = 20, string? model = null) => new()
    {
        Mode = GenerationMode.ImageToVideo,
        ModelId = model,
        Size = new PixelSize(160, 90),
        Rate = new VideoRate(24000, 1001),
        FrameCount = frames,
        Seed = 7,
        Prompt = "rain on the window",
        FirstFrame = first,
        LastFrame = last,
    };

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class SyncProgress(Action<PluginProgress> report) : IProgress<PluginProgress>
    {
        public void Report(PluginProgress value) => report(value);
    }
}
