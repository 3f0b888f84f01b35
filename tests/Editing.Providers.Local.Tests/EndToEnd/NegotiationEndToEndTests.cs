#if EDITING_FALLBACK_WIRED
using Editing.Cli.Tests;
using Editing.Providers.Local.Tests.Fakes;
using Editing.Providers.Local.Tests.Support;

namespace Editing.Providers.Local.Tests.EndToEnd;

/// <summary>
/// Capability negotiation through <c>editing apply</c>: a request the model cannot do is refused at validation, before
/// anything reaches the server, unless a named <c>--fallback</c> allows it. Compiled once ApplyRunner wraps the
/// provider access in NegotiatingProviderAccess and ApplyCommand has <c>--fallback</c> (define EDITING_FALLBACK_WIRED).
/// </summary>
public sealed class NegotiationEndToEndTests : IAsyncLifetime
{
    private FakeComfyUi _server = null!;
    private DirectoryInfo _dir = null!;
    private string _cut = "";

    public async Task InitializeAsync()
    {
        _server = await FakeComfyUi.StartAsync();
        _dir = Directory.CreateTempSubdirectory("editing-negotiation-e2e-");
        _cut = TimelineChecks.SmallCut(_dir.FullName);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    private CliRunner.Result Apply(params string[] args) => CliRunner.Run(_dir.FullName, new Dictionary<string, string>
    {
        ["EDITING_PROVIDER__EDITING_COMFYUI__BASE_URL"] = _server.BaseUrl,
        ["EDITING_PROVIDER__EDITING_COMFYUI__POLL_SECONDS"] = "0.05",
    }, ["apply", _cut, "--provider", "editing.comfyui", .. args]);

    [Fact]
    public void A_last_frame_on_a_first_frame_only_model_is_refused_before_anything_reaches_the_server()
    {
        var output = Path.Combine(_dir.FullName, "refused.otio");

        var run = Apply("--tool", "editing.fill", "--select", "gaps", "--model", "hunyuanvideo", "-o", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("provider editing.comfyui, model hunyuanvideo cannot end on a given last frame", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--fallback first-frame-only", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _server.PromptAttempts);
        Assert.Empty(_server.Uploads);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void The_first_frame_only_fallback_fills_from_the_first_frame_and_conforms_exactly()
    {
        var output = Path.Combine(_dir.FullName, "filled.otio");

        var run = Apply("--tool", "editing.fill", "--select", "gaps", "--model", "hunyuanvideo", "--fallback", "first-frame-only",
            "--param", "prompt=rain at night", "-o", output);

        Assert.True(run.ExitCode == 0, run.All);
        var graph = Assert.Single(_server.Prompts);
        Assert.Contains(graph, n => n.Value!["class_type"]!.ToString() == "HunyuanImageToVideo");
        TimelineChecks.AssertConformed(TimelineChecks.GeneratedMedia(output, "rain at night"), frames: 6);
    }

    [Fact]
    public void An_extension_on_a_model_without_extension_needs_the_image_to_video_fallback()
    {
        var refused = Apply("--tool", "editing.extend", "--select", "sh010", "--model", "hunyuanvideo", "-o", Path.Combine(_dir.FullName, "x.otio"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("model hunyuanvideo cannot do extension", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _server.PromptAttempts);

        var output = Path.Combine(_dir.FullName, "extended.otio");
        var run = Apply("--tool", "editing.extend", "--select", "sh010", "--model", "hunyuanvideo", "--fallback", "image-to-video",
            "--param", "duration=10", "-o", output);

        Assert.True(run.ExitCode == 0, run.All);
        var graph = Assert.Single(_server.Prompts);
        var latent = graph.Single(n => n.Value!["class_type"]!.ToString() == "HunyuanImageToVideo").Value!["inputs"]!;
        // 10 frames at 23.976 fps → 24 fps: 10.01 → 11 → 4n+1 = 13; 160x90 → native 1280x720 (same aspect).
        Assert.Equal((1280, 720, 13), (latent["width"]!.GetValue<int>(), latent["height"]!.GetValue<int>(), latent["length"]!.GetValue<int>()));
        TimelineChecks.AssertConformed(TimelineChecks.GeneratedMedia(output, "sh010 ext-tail"), frames: 10);
    }
}
#endif
