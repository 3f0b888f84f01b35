using System.Text.Json;
using Editing.Host.Plugins;
using Editing.Otio.OpenTime;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Xunit;

namespace Editing.Sdk.Testing;

/// <summary>
/// The checks every plugin passes, as xunit facts. Derive a test class, say where the built plugin folder is (the
/// output folder holding <c>plugin.json</c> and the assembly), and the facts run against it:
/// <code>
/// public sealed class MyToolConformance : PluginConformanceTests
/// {
///     protected override string PluginDirectory =&gt; "/path/to/Studio.MyTool/bin/Debug/net10.0";
/// }
/// </code>
/// The plugin is found as the only entry of <c>EDITING_PLUGIN_PATH</c> (no built-in or user folder) and always runs
/// out of process, through the same host and worker <c>editing</c> uses. Each fact checks every tool and provider and
/// reports every problem at once, naming the tool. Override the virtual members to give a tool the clip and values it
/// needs, to pick the provider a tool generates with, or to skip runs that need a remote service.
/// </summary>
public abstract partial class PluginConformanceTests : IDisposable
{
    private readonly string _scratchRoot = Path.Combine(Path.GetTempPath(), "editing-conformance-run-" + Guid.NewGuid().ToString("N"));
    private int _scratchCount;

    /// <summary>How long a tool or provider may take to stop once its call is cancelled.</summary>
    public static TimeSpan CancellationLimit { get; } = TimeSpan.FromSeconds(2);

    /// <summary>The built plugin folder: the one holding <c>plugin.json</c> and the entry assembly.</summary>
    protected abstract string PluginDirectory { get; }

    /// <summary>
    /// Other plugin folders to put on the search path after the plugin under test, e.g. the provider a tool generates
    /// with (the built-in previs provider's folder). Only the plugin in <see cref="PluginDirectory"/> is checked.
    /// </summary>
    protected virtual IEnumerable<string> SupportPluginDirectories => [];

    /// <summary>Time limit of one tool run or generation; default two minutes.</summary>
    protected virtual TimeSpan RunTimeout => TimeSpan.FromMinutes(2);

    /// <summary>
    /// The item <paramref name="tool"/> runs on. Default: <see cref="ConformanceClips.ForToolAsync"/> (the first clip of
    /// the conformance cut, or its gap for gap-only tools) with the frames the tool's inputs ask for. Override to give
    /// a tool what it needs, e.g. <c>clip with { TimeWarp = new TimeWarpInfo("LinearTimeWarp", 2) }</c>.
    /// </summary>
    /// <param name="tool">The tool as its plugin describes it.</param>
    /// <param name="clips">The conformance media and timeline.</param>
    /// <param name="scratchDirectory">An empty folder for extracted frames.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    protected virtual Task<ClipContext> CreateClipAsync(ToolDescriptor tool, ConformanceClips clips, string scratchDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clips);
        return clips.ForToolAsync(tool, scratchDirectory, cancellationToken);
    }

    /// <summary>The values <paramref name="tool"/> runs with (the host fills in defaults); default none.</summary>
    protected virtual ControlValues ValuesFor(ToolDescriptor tool) => ControlValues.Empty;

    /// <summary>
    /// The provider <paramref name="tool"/> generates with, or null for the first provider on the conformance search path
    /// when the tool declares provider modes (none otherwise).
    /// </summary>
    protected virtual string? ProviderFor(ToolDescriptor tool) => null;

    /// <summary>False to skip running <paramref name="tool"/> (describe, schema and validation checks still apply), e.g.
    /// when it needs a service the test machine lacks. Default true.</summary>
    protected virtual bool CanRun(ToolDescriptor tool) => true;

    /// <summary>False to skip generating with <paramref name="provider"/>; default: only local providers generate
    /// (a remote one would spend money or need keys).</summary>
    protected virtual bool CanGenerate(ProviderDescriptor provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return !provider.Remote;
    }

    /// <summary>
    /// The request a provider's default model is checked with: text-to-video when the model supports it (else its first
    /// mode, with the plate as source or its frame as first frame), at its first native size and rate (else 320×180 at
    /// 24 fps, rounded to its size multiple), the smallest frame count on its grid of at least 12 frames (within its
    /// duration limits), seed 7.
    /// </summary>
    /// <param name="provider">The provider as its plugin describes it.</param>
    /// <param name="model">Its default model.</param>
    /// <param name="clips">The conformance media.</param>
    /// <param name="scratchDirectory">An empty folder for conditioning frames.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    protected virtual async Task<GenerationRequest> RequestForAsync(ProviderDescriptor provider, ModelCapabilities model, ConformanceClips clips,
        string scratchDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(clips);
        var mode = model.Modes.Contains(GenerationMode.TextToVideo) ? GenerationMode.TextToVideo : model.Modes.FirstOrDefault();
        var rate = model.NativeRates.Count > 0 ? model.NativeRates[0] : ConformanceClips.Rate;
        var size = model.NativeSizes.Count > 0 ? model.NativeSizes[0] : RoundSize(ConformanceClips.Size, model.SizeMultiple);
        var frames = FrameCount(model, rate);
        string? firstFrame = null;
        if (mode == GenerationMode.ImageToVideo)
        {
            firstFrame = Path.Combine(scratchDirectory, "first.png");
            await clips.ExtractFrameAsync(12, firstFrame, cancellationToken).ConfigureAwait(false);
        }

        var needsSource = mode is GenerationMode.VideoToVideo or GenerationMode.Extension or GenerationMode.Interpolation or GenerationMode.Upscale;
        return new GenerationRequest
        {
            Mode = mode,
            ModelId = model.ModelId,
            Size = size,
            Rate = rate,
            FrameCount = frames,
            Seed = 7,
            Prompt = "a white square crosses a blue field",
            FirstFrame = firstFrame,
            Source = needsSource ? new SourceVideo(clips.PlatePath, 12, ConformanceClips.ClipFrames) : null,
        };
    }

    /// <summary>Deletes this test's scratch folders.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Deletes this test's scratch folders when <paramref name="disposing"/>.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing || !Directory.Exists(_scratchRoot))
        {
            return;
        }

        try
        {
            Directory.Delete(_scratchRoot, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A worker may still be closing a file; the system cleans its temporary folder.
        }
    }

    /// <summary>A new empty folder under this test's scratch root.</summary>
    private protected string NewScratch(string label)
    {
        var folder = Path.Combine(_scratchRoot, $"{Interlocked.Increment(ref _scratchCount):D3}-{label}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private protected ConformanceSession Open(PluginRuntime runtime = PluginRuntime.Process) =>
        ConformanceSession.Open(PluginDirectory, SupportPluginDirectories, runtime, TimeSpan.FromSeconds(4));

    /// <summary>Opens a session, requires the plugin to be usable, and describes it.</summary>
    private protected async Task<(ConformanceSession Session, PluginEntry Plugin, PluginDescription Description)> OpenDescribedAsync(
        PluginRuntime runtime = PluginRuntime.Process)
    {
        var session = Open(runtime);
        try
        {
            var plugin = session.RequirePlugin(PluginDirectory);
            var description = await session.Host.GetPlugin(plugin.Id).DescribeAsync(CancellationToken.None).ConfigureAwait(false);
            return (session, plugin, description);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Everything a tool run needs: the clip, the values (with <paramref name="seed"/> when the tool has a
    /// seed parameter) and the run options with a fresh scratch folder and, <paramref name="withProviders"/>, the
    /// provider access (which starts the provider's worker).</summary>
    private protected async Task<ToolCall> PrepareToolAsync(ConformanceSession session, ToolDescriptor tool, long? seed, bool withProviders,
        IProgress<PluginProgress>? progress = null)
    {
        var clips = await ConformanceClips.GetAsync().ConfigureAwait(false);
        var clip = await CreateClipAsync(tool, clips, NewScratch(Slug(tool.Id) + "-inputs"), CancellationToken.None).ConfigureAwait(false);
        var values = ValuesFor(tool);
        if (seed is { } s && tool.Schema.Parameters.OfType<SeedParameter>().FirstOrDefault() is { } seedParameter)
        {
            values = values.With(seedParameter.Id, Math.Clamp(seedParameter.Minimum + s, seedParameter.Minimum, seedParameter.Maximum));
        }

        ProviderAccess? providers = null;
        var providerId = ProviderFor(tool) ?? (tool.ProviderModes.Count > 0 ? session.Catalog.ProviderIds.FirstOrDefault() : null);
        if (withProviders && providerId is not null)
        {
            providers = await session.Host.CreateProviderAccessAsync(providerId, null,
                new ProviderRunOptions { ScratchDirectory = NewScratch(Slug(providerId) + "-provider") }, CancellationToken.None).ConfigureAwait(false);
        }

        var options = new ToolRunOptions
        {
            ScratchDirectory = NewScratch(Slug(tool.Id) + "-run"),
            Providers = providers,
            Progress = progress,
            Timeout = RunTimeout,
        };
        return new ToolCall(tool, clip, values, options);
    }

    /// <summary>The request and options for a generation with <paramref name="provider"/>'s default model.</summary>
    private protected async Task<(GenerationRequest Request, ProviderRunOptions Options)> PrepareGenerationAsync(ProviderDescriptor provider,
        IProgress<PluginProgress>? progress = null)
    {
        var clips = await ConformanceClips.GetAsync().ConfigureAwait(false);
        var model = provider.FindModel(null) ?? throw new InvalidOperationException($"provider {provider.Id} declares no models");
        var request = await RequestForAsync(provider, model, clips, NewScratch(Slug(provider.Id) + "-inputs"), CancellationToken.None).ConfigureAwait(false);
        var options = new ProviderRunOptions { ScratchDirectory = NewScratch(Slug(provider.Id) + "-run"), Progress = progress, Timeout = RunTimeout };
        return (request, options);
    }

    /// <summary>The description as the worker protocol carries it, for comparisons.</summary>
    private protected static string ToJson(PluginDescription description) => JsonSerializer.Serialize(description, SdkJson.Options);

    /// <summary>Fails with every problem, one per line, when there is any.</summary>
    private protected static void AssertNoProblems(IReadOnlyCollection<string> problems, string what)
    {
        if (problems.Count > 0)
        {
            Assert.Fail($"{what}: {problems.Count} problem(s):{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", problems));
        }
    }

    private protected static string Slug(string id) => id.Replace('.', '-');

    private static PixelSize RoundSize(PixelSize size, int multiple)
    {
        var m = Math.Max(1, multiple);
        static int Round(int value, int m) => Math.Max(m, (int)Math.Round(value / (double)m) * m);
        return new PixelSize(Round(size.Width, m), Round(size.Height, m));
    }

    private static int FrameCount(ModelCapabilities model, VideoRate rate)
    {
        long FramesOf(RationalTime t) => (long)Math.Ceiling((t.ToSeconds() * rate.FramesPerSecond) - 1e-9);
        long frames = model.AllowedDurations.Count > 0 ? FramesOf(model.AllowedDurations[0]) : 12;
        if (model.MinDuration is { } min)
        {
            frames = Math.Max(frames, FramesOf(min));
        }

        frames = model.FrameGrid.RoundUp(frames);
        if (model.MaxDuration is { } max && frames > FramesOf(max))
        {
            frames = Math.Max(1, FramesOf(max));
        }

        return (int)frames;
    }

    /// <summary>One prepared tool call.</summary>
    private protected sealed record ToolCall(ToolDescriptor Tool, ClipContext Clip, ControlValues Values, ToolRunOptions Options);
}
