using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Editing.Host.Plugins;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;

namespace Editing.Host.Tests.Plugins;

/// <summary>
/// The behaviour every plugin runtime must have. <see cref="WorkerRuntimeTests"/> and
/// <see cref="InProcessRuntimeTests"/> run this same suite: a plugin behaves the same in a worker and in process.
/// </summary>
public abstract class PluginRuntimeSuite : IAsyncLifetime
{
    protected static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1.5);

    private readonly TempDirectory _temp = new();

    protected PluginHost Host { get; private set; } = null!;

    protected abstract PluginRuntime Runtime { get; }

    /// <summary>How the hang test's message must end in this runtime.</summary>
    protected abstract string HangConsequence { get; }

    protected string Scratch(string name) => Path.Combine(_temp.Path, name);

    public Task InitializeAsync()
    {
        Host = CreateHost(TestPlugins.Catalog());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _temp.Dispose();
    }

    protected PluginHost CreateHost(PluginCatalog catalog, PluginHostOptions? options = null) =>
        new(catalog, (options ?? new PluginHostOptions()) with { ForceRuntime = Runtime });

    private static ControlValues Values(string json) => ControlValues.FromJson(json);

    [Fact]
    public async Task Describe_returns_every_tool_and_provider_with_its_full_schema()
    {
        var description = await Host.GetPlugin("test.good").DescribeAsync(CancellationToken.None);

        var echo = Assert.Single(description.Tools);
        Assert.Equal("test.echo", echo.Id);
        Assert.Equal("1.2.0", echo.Version.ToString());
        Assert.Equal([ToolApplication.Replace, ToolApplication.FillGap], echo.Applications);
        Assert.Equal([ToolInput.EdgeFrames], echo.Inputs);
        Assert.True(echo.Deterministic);
        Assert.Equal(["text", "seed", "frames", "delay_ms", "generate", "probe"], echo.Schema.Parameters.Select(p => p.Id));
        var frames = Assert.IsType<IntParameter>(echo.Schema.Find("frames"));
        Assert.Equal((1L, 1000L, 12L, "frames"), (frames.Minimum, frames.Maximum, frames.Default, frames.Unit));
        var text = Assert.IsType<StringParameter>(echo.Schema.Find("text"));
        Assert.Equal((TextRole.Prompt, 200, "hello", "Text", "What to write."), (text.Role, text.MaxLength, text.Default, text.Label, text.Description));
        Assert.True(echo.Schema.Find("delay_ms")!.Advanced);
        Assert.Equal("Provider", echo.Schema.Find("generate")!.Group);

        var provider = Assert.Single(description.Providers);
        Assert.Equal("test.provider", provider.Id);
        Assert.Equal(["echo-1", "echo-2"], provider.Models.Select(m => m.ModelId));
        Assert.Equal(new FrameCountGrid(4, 1), provider.Models[0].FrameGrid);
        Assert.Equal(new TrainingDataDeclaration("synthetic", "CC0-1.0"), provider.Models[0].TrainingData);
        Assert.Same(description, await Host.GetPlugin("test.good").DescribeAsync(CancellationToken.None));
        Assert.Equal(Runtime, Host.GetPlugin("test.good").Runtime);
    }

    [Fact]
    public async Task Validate_reports_every_schema_issue_at_once()
    {
        var issues = await Host.ValidateToolAsync("test.echo", TestPlugins.Clip(), Values("""{"frames": 0, "seed": -1, "colour": "red", "text": "forbidden"}"""), CancellationToken.None);

        Assert.Equal(
            [
                "error seed: seed -1 is outside 0..4294967295",
                "error frames: 0 frames is below the minimum 1 frames",
                "error colour: unknown parameter 'colour' (known: text, seed, frames, delay_ms, generate, probe)",
            ],
            issues.Select(i => i.ToString()));
    }

    [Fact]
    public async Task Validate_asks_the_tool_once_the_schema_is_satisfied()
    {
        var issues = await Host.ValidateToolAsync("test.echo", TestPlugins.Clip(), Values("""{"text": "a forbidden word"}"""), CancellationToken.None);
        var clean = await Host.ValidateToolAsync("test.echo", TestPlugins.Clip(), Values("""{"text": "fine", "frames": 5}"""), CancellationToken.None);

        Assert.Equal(["error text: the word 'forbidden' is not allowed"], issues.Select(i => i.ToString()));
        Assert.Empty(clean);
    }

    [Fact]
    public async Task Run_writes_the_same_output_for_the_same_seed()
    {
        var values = Values("""{"text": "rain", "seed": 42, "frames": 24}""");

        var first = await Host.RunToolAsync("test.echo", TestPlugins.Clip(), values, new ToolRunOptions { ScratchDirectory = Scratch("a") }, CancellationToken.None);
        var second = await Host.RunToolAsync("test.echo", TestPlugins.Clip(), values, new ToolRunOptions { ScratchDirectory = Scratch("b") }, CancellationToken.None);

        var output = Assert.Single(first.Outputs);
        Assert.Equal(Path.Combine(Scratch("a"), "echo-42.txt"), output.VideoPath);
        Assert.Equal(24, output.FrameCount);
        Assert.Equal("echo", output.Label);
        Assert.Equal([new Ingredient(output.VideoPath, "source", 0, 24)], output.Ingredients);
        Assert.Equal("out1", Assert.IsType<ReplaceActiveMedia>(Assert.Single(first.Edits)).OutputId);
        Assert.Empty(first.Warnings);
        Assert.Equal("rain|42|24|sh010|24|48\n", await File.ReadAllTextAsync(output.VideoPath));
        Assert.Equal(await File.ReadAllBytesAsync(output.VideoPath), await File.ReadAllBytesAsync(second.Outputs[0].VideoPath));
    }

    [Fact]
    public async Task Run_gives_the_tool_normalized_values_with_defaults()
    {
        var result = await Host.RunToolAsync("test.echo", TestPlugins.Clip("sh020"), ControlValues.Empty, new ToolRunOptions { ScratchDirectory = Scratch("d") }, CancellationToken.None);

        Assert.Equal("hello|1|12|sh020|24|48\n", await File.ReadAllTextAsync(result.Outputs[0].VideoPath));
    }

    [Fact]
    public async Task Run_refuses_invalid_values_with_every_issue_before_any_work()
    {
        var error = await Assert.ThrowsAsync<PluginCallException>(() => Host.RunToolAsync("test.echo", TestPlugins.Clip(),
            Values("""{"frames": 5000, "text": 3}"""), new ToolRunOptions { ScratchDirectory = Scratch("r") }, CancellationToken.None));

        Assert.Equal(PluginFailureKind.InvalidRequest, error.Kind);
        Assert.Equal("tool test.echo refused the request: error text: expected a string, got the number 3; error frames: 5000 frames is above the maximum 1000 frames", error.Message);
        Assert.Equal(["text", "frames"], error.Issues.Select(i => i.ParamId));
        Assert.Empty(Directory.GetFiles(Scratch("r")));
    }

    [Fact]
    public async Task Progress_and_log_messages_arrive_in_order()
    {
        var progress = new ConcurrentQueue<PluginProgress>();
        var logs = new ConcurrentQueue<(PluginLogLevel, string)>();
        var options = new ToolRunOptions
        {
            ScratchDirectory = Scratch("p"),
            Progress = new Recorder<PluginProgress>(progress.Enqueue),
            Logger = new LogRecorder((level, message) => logs.Enqueue((level, message))),
        };

        await Host.RunToolAsync("test.echo", TestPlugins.Clip("sh030"), ControlValues.Empty, options, CancellationToken.None);

        Assert.Equal([new(0.25, "thinking"), new(0.5, "writing"), new(1, "done")], progress);
        Assert.Equal([(PluginLogLevel.Information, "echo: starting on sh030"), (PluginLogLevel.Debug, "echo: wrote echo-1.txt")], logs);
    }

    [Fact]
    public async Task Cancellation_is_honoured_within_two_seconds_and_the_plugin_stays_usable()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Host.RunToolAsync("test.echo", TestPlugins.Clip(),
            Values("""{"delay_ms": 60000}"""), new ToolRunOptions { ScratchDirectory = Scratch("c") }, cts.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.3), $"cancelled after {clock.Elapsed}");
        var after = await Host.RunToolAsync("test.echo", TestPlugins.Clip(), ControlValues.Empty, new ToolRunOptions { ScratchDirectory = Scratch("c2") }, CancellationToken.None);
        Assert.Single(after.Outputs);
    }

    [Fact]
    public async Task A_plugin_exception_keeps_its_message_code_and_transient_flag()
    {
        var error = await Assert.ThrowsAsync<PluginCallException>(() => RunFaulty("test.faulty.plugin-error"));

        Assert.Equal(PluginFailureKind.PluginError, error.Kind);
        Assert.Equal("The render farm is full; try again later.", error.Message);
        Assert.True(error.IsTransient);
        Assert.Equal("FARM_FULL", error.Code);
        Assert.Equal(("test.faulty", "tool.run", "test.faulty.plugin-error"), (error.PluginId, error.Method, error.TargetId));
        Assert.Equal("Editing.Sdk.PluginException", error.PluginExceptionType);
    }

    [Fact]
    public async Task Another_exception_names_the_plugin_the_call_the_type_and_the_message()
    {
        var error = await Assert.ThrowsAsync<PluginCallException>(() => RunFaulty("test.faulty.throw"));

        Assert.Equal(PluginFailureKind.Threw, error.Kind);
        Assert.Equal("plugin test.faulty threw InvalidOperationException during tool.run of test.faulty.throw: the faulty tool failed on purpose", error.Message);
        Assert.False(error.IsTransient);
        Assert.Equal("System.InvalidOperationException", error.PluginExceptionType);
        Assert.Contains("ThrowingTool.Misbehave", error.PluginStackTrace);
        Assert.Single((await RunFaulty("test.faulty.ok")).Outputs);
    }

    [Fact]
    public async Task A_hung_call_times_out_after_its_limit()
    {
        await Host.GetPlugin("test.faulty").DescribeAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<PluginCallException>(() => Host.RunToolAsync("test.faulty.hang", TestPlugins.Clip(), ControlValues.Empty,
            new ToolRunOptions { ScratchDirectory = Scratch("h"), Timeout = ShortTimeout }, CancellationToken.None));

        Assert.Equal(PluginFailureKind.TimedOut, error.Kind);
        Assert.Equal("plugin test.faulty timed out after 1.5 s during tool.run of test.faulty.hang; " + HangConsequence, error.Message);
        Assert.InRange(clock.Elapsed, ShortTimeout, ShortTimeout + Host.Options.CancellationGracePeriod + TimeSpan.FromSeconds(1.5));
        Assert.Single((await Host.RunToolAsync("test.echo", TestPlugins.Clip(), ControlValues.Empty, new ToolRunOptions { ScratchDirectory = Scratch("h2") }, CancellationToken.None)).Outputs);
    }

    [Fact]
    public async Task Output_written_to_the_console_does_not_disturb_the_call()
    {
        var result = await RunFaulty("test.faulty.console");

        Assert.Equal("console.txt", Path.GetFileName(Assert.Single(result.Outputs).VideoPath));
        Assert.Single((await RunFaulty("test.faulty.ok")).Outputs);
    }

    [Fact]
    public async Task A_provider_generates_with_its_settings_and_secrets()
    {
        var progress = new ConcurrentQueue<PluginProgress>();
        var options = new ProviderRunOptions
        {
            ScratchDirectory = Scratch("g"),
            Settings = new Dictionary<string, string> { ["greeting"] = "hi" },
            Secrets = new Dictionary<string, string> { ["TEST_TOKEN"] = "s3cr3t" },
            Progress = new Recorder<PluginProgress>(progress.Enqueue),
        };

        var result = await Host.GenerateAsync("test.provider", Request("a dog", seed: 9), options, CancellationToken.None);

        Assert.Equal(Path.Combine(Scratch("g"), "gen-9.txt"), result.VideoPath);
        Assert.Equal("a dog|9|17|echo-2|hi|secret present\n", await File.ReadAllTextAsync(result.VideoPath));
        Assert.Equal(("test.provider", "0.3.0", "echo-2", 17L, new PixelSize(640, 360)), (result.ProviderId, result.ProviderVersion, result.ModelId, result.FrameCount, result.Size));
        Assert.Equal([new PluginProgress(0.5, "generating")], progress);
    }

    [Fact]
    public async Task A_provider_validates_and_reports_transient_failures()
    {
        var issues = await Host.GetProviderPlugin("test.provider").ValidateGenerationAsync("test.provider", Request("please refuse"), CancellationToken.None);
        var error = await Assert.ThrowsAsync<PluginCallException>(() => Host.GenerateAsync("test.provider", Request("throttle"),
            new ProviderRunOptions { ScratchDirectory = Scratch("t") }, CancellationToken.None));

        Assert.Equal(["error prompt: the test provider refuses this prompt"], issues.Select(i => i.ToString()));
        Assert.Equal((PluginFailureKind.PluginError, "the test provider is busy; try again in a minute", true, "THROTTLED"), (error.Kind, error.Message, error.IsTransient, error.Code));
        Assert.Equal("provider.generate", error.Method);
    }

    [Fact]
    public async Task A_tool_generates_through_the_host_with_the_chosen_provider_and_model()
    {
        var providers = await Host.CreateProviderAccessAsync("test.provider", "echo-1", new ProviderRunOptions { ScratchDirectory = Scratch("gp") }, CancellationToken.None);

        var result = await Host.RunToolAsync("test.echo", TestPlugins.Clip(), Values("""{"text": "storm", "seed": 7, "generate": true}"""),
            new ToolRunOptions { ScratchDirectory = Scratch("gt"), Providers = providers }, CancellationToken.None);

        var output = Assert.Single(result.Outputs);
        Assert.Equal(Path.Combine(Scratch("gp"), "gen-7.txt"), output.VideoPath);
        Assert.Equal(("test.provider", "echo-1", 7L), (output.Generation!.ProviderId, output.Generation.ModelId, output.Generation.Seed));
        Assert.Equal("storm|7|12|echo-1||secret missing\n", await File.ReadAllTextAsync(output.VideoPath));
    }

    [Fact]
    public async Task A_tool_without_a_chosen_provider_says_so()
    {
        var error = await Assert.ThrowsAsync<PluginCallException>(() => Host.RunToolAsync("test.echo", TestPlugins.Clip(), Values("""{"generate": true}"""),
            new ToolRunOptions { ScratchDirectory = Scratch("np") }, CancellationToken.None));

        Assert.Equal(PluginFailureKind.PluginError, error.Kind);
        Assert.Equal("tool test.echo needs a model provider, but none was chosen for this call (choose a provider and model)", error.Message);
    }

    [Fact]
    public async Task Plugins_get_the_media_services_the_host_was_given()
    {
        await using var host = CreateHost(TestPlugins.Catalog(), new PluginHostOptions { MediaServicesType = typeof(FakeMediaServices) });
        var clip = TestPlugins.Clip() with { Media = new ClipMedia { Path = "/media/A003C012.mov" } };

        var result = await host.RunToolAsync("test.echo", clip, Values("""{"probe": true}"""), new ToolRunOptions { ScratchDirectory = Scratch("m") }, CancellationToken.None);

        Assert.Equal("hello|1|12|sh010|24|48\nprobed /media/A003C012.mov: fake-codec\n", await File.ReadAllTextAsync(result.Outputs[0].VideoPath));
    }

    [Fact]
    public async Task Without_media_services_a_media_call_says_so()
    {
        var error = await Assert.ThrowsAsync<PluginCallException>(() => Host.RunToolAsync("test.echo", TestPlugins.Clip(), Values("""{"probe": true}"""),
            new ToolRunOptions { ScratchDirectory = Scratch("nm") }, CancellationToken.None));

        Assert.Equal(PluginFailureKind.Threw, error.Kind);
        Assert.Equal("plugin test.good threw NotSupportedException during tool.run of test.echo: media services are not available in this host (it was started without an IMediaServices implementation)", error.Message);
    }

    [Fact]
    public async Task Calls_run_concurrently()
    {
        await Host.GetPlugin("test.good").DescribeAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Host.RunToolAsync("test.echo", TestPlugins.Clip(), Values($$"""{"seed": {{i}}, "delay_ms": 400}"""),
            new ToolRunOptions { ScratchDirectory = Scratch("cc" + i) }, CancellationToken.None)));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"echo-{i}.txt"), results.Select(r => Path.GetFileName(r.Outputs[0].VideoPath)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.5), $"10 runs of 400 ms took {clock.Elapsed}");
    }

    [Fact]
    public async Task Ids_that_do_not_match_plugin_json_stop_the_plugin_from_loading()
    {
        using var temp = new TempDirectory();
        var folder = TestPlugins.CopyPlugin(TestPlugins.Good, Path.Combine(temp.Path, "good-copy"));
        File.WriteAllText(Path.Combine(folder, "plugin.json"),
            """{"id": "test.mismatch", "version": "1.0.0", "sdk": "^1.0", "entry": "Editing.TestPlugins.Good.dll", "tools": ["test.echo", "test.missing"]}""");
        await using var host = CreateHost(PluginCatalog.Discover(TestPlugins.Only(folder)));

        var error = await Assert.ThrowsAsync<PluginCallException>(() => host.GetPlugin("test.mismatch").DescribeAsync(CancellationToken.None));

        Assert.Equal(PluginFailureKind.LoadFailed, error.Kind);
        Assert.Equal(
            "plugin test.mismatch could not be loaded: plugin.json lists tool 'test.missing', but Editing.TestPlugins.Good.dll has no public class implementing IControllableTool with that id (found: test.echo); " +
            "Editing.TestPlugins.Good.dll defines provider 'test.provider' (Editing.TestPlugins.Good.TestProvider) that plugin.json does not list in 'providers'",
            error.Message);
    }

    [Fact]
    public async Task Unknown_and_unusable_ids_are_reported_before_any_plugin_starts()
    {
        using var temp = new TempDirectory();
        var future = temp.Write("future/plugin.json", """{"id": "test.future", "version": "1.0.0", "sdk": "^2.0", "entry": "F.dll", "tools": ["test.future.tool"]}""");
        await using var host = CreateHost(PluginCatalog.Discover(TestPlugins.Only(TestPlugins.Good, Path.GetDirectoryName(future)!)));

        var unknown = Assert.Throws<PluginCallException>(() => host.GetToolPlugin("test.nothing"));
        var unusable = Assert.Throws<PluginCallException>(() => host.GetToolPlugin("test.future.tool"));

        Assert.Equal((PluginFailureKind.NotAvailable, "no installed plugin provides tool 'test.nothing' (installed: test.echo)"), (unknown.Kind, unknown.Message));
        Assert.Equal($"plugin test.future (it provides test.future.tool) cannot be used: plugin test.future needs SDK ^2.0; this host has 1.0.0 ({future})", unusable.Message);
    }

    private Task<ToolResult> RunFaulty(string toolId) =>
        Host.RunToolAsync(toolId, TestPlugins.Clip(), ControlValues.Empty, new ToolRunOptions { ScratchDirectory = Scratch(toolId) }, CancellationToken.None);

#pragma warning disable EDSDK001 // Extra is experimental: it must still cross the protocol intact.
    private static GenerationRequest Request(string prompt, long seed = 1) => new()
    {
        Mode = GenerationMode.TextToVideo,
        ModelId = "echo-2",
        Size = new PixelSize(640, 360),
        Rate = new VideoRate(24000, 1001),
        FrameCount = 17,
        Seed = seed,
        Prompt = prompt,
        Extra = JsonDocument.Parse("""{"quality": "draft"}""").RootElement,
    };
#pragma warning restore EDSDK001

    /// <summary>Records synchronously (Progress&lt;T&gt; would post to the thread pool and lose the order).</summary>
    private sealed class Recorder<T>(Action<T> record) : IProgress<T>
    {
        public void Report(T value) => record(value);
    }

    private sealed class LogRecorder(Action<PluginLogLevel, string> record) : IPluginLogger
    {
        public void Log(PluginLogLevel level, string message) => record(level, message);
    }
}

public sealed class WorkerRuntimeTests : PluginRuntimeSuite
{
    protected override PluginRuntime Runtime => PluginRuntime.Process;

    protected override string HangConsequence => "the worker was killed";
}

public sealed class InProcessRuntimeTests : PluginRuntimeSuite
{
    protected override PluginRuntime Runtime => PluginRuntime.InProcess;

    protected override string HangConsequence => "the plugin runs in the host process and could not be stopped";
}
