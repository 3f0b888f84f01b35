using Editing.Cli.Tests;
using Editing.Providers.Local.Tests.Fakes;
using Editing.Providers.Local.Tests.Support;

namespace Editing.Providers.Local.Tests.EndToEnd;

/// <summary><c>editing apply ... --provider editing.comfyui</c> against the fake server, configured by environment variables.</summary>
public sealed class ComfyUiEndToEndTests : IAsyncLifetime
{
    private const string Token = "cfy-tok-9f3a1c7e-do-not-leak";
    private FakeComfyUi _server = null!;
    private DirectoryInfo _dir = null!;
    private string _cut = "";

    public async Task InitializeAsync()
    {
        _server = await FakeComfyUi.StartAsync();
        _server.RequiredToken = Token;
        _dir = Directory.CreateTempSubdirectory("editing-comfyui-e2e-");
        _cut = TimelineChecks.SmallCut(_dir.FullName);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["EDITING_PROVIDER__EDITING_COMFYUI__BASE_URL"] = _server.BaseUrl,
        ["EDITING_PROVIDER__EDITING_COMFYUI__POLL_SECONDS"] = "0.05",
        ["EDITING_PROVIDER__EDITING_COMFYUI__RETRY_DELAY_SECONDS"] = "0.05",
        ["EDITING_SECRET__EDITING_COMFYUI__AUTH_TOKEN"] = Token,
    };

    [Fact]
    public void Extend_with_ltx_video_is_conformed_exactly_to_the_timeline_and_leaks_no_secret()
    {
        var output = Path.Combine(_dir.FullName, "extended.otio");

        var run = CliRunner.Run(_dir.FullName, Environment(), "apply", _cut, "--tool", "editing.extend", "--select", "sh010",
            "--provider", "editing.comfyui", "--model", "ltx-video", "--param", "prompt=the car drives off", "--param", "duration=10", "-o", output);

        Assert.True(run.ExitCode == 0, run.All);
        var graph = Assert.Single(_server.Prompts);
        Assert.Contains(graph, n => n.Value!["class_type"]!.ToString() == "LoadVideo");
        var media = TimelineChecks.GeneratedMedia(output, "sh010 ext-tail");
        TimelineChecks.AssertConformed(media, frames: 10);
        TimelineChecks.AssertNoSecret(Token, run, output);
    }

    [Fact]
    public void Fill_with_ltx_video_keyframes_is_conformed_exactly_to_the_gap_and_leaks_no_secret()
    {
        var output = Path.Combine(_dir.FullName, "filled.otio");

        var run = CliRunner.Run(_dir.FullName, Environment(), "apply", _cut, "--tool", "editing.fill", "--select", "gaps",
            "--provider", "editing.comfyui", "--model", "ltx-video", "--param", "prompt=rain at night", "-o", output);

        Assert.True(run.ExitCode == 0, run.All);
        var graph = Assert.Single(_server.Prompts);
        // The keyframes workflow: a guide on the first and on the last frame, both uploaded.
        Assert.Equal(2, graph.Count(n => n.Value!["class_type"]!.ToString() == "LTXVAddGuide"));
        Assert.Equal(2, _server.Uploads.Count);
        var media = TimelineChecks.GeneratedMedia(output, "rain at night");
        TimelineChecks.AssertConformed(media, frames: 6);
        TimelineChecks.AssertNoSecret(Token, run, output);
    }

    [Fact]
    public void A_failing_server_exits_4_writes_nothing_and_leaks_no_secret()
    {
        _server.EchoAuthorization = true;
        var output = Path.Combine(_dir.FullName, "failed.otio");
        var environment = Environment();
        environment["EDITING_PROVIDER__EDITING_COMFYUI__RETRIES"] = "1";

        var run = CliRunner.Run(_dir.FullName, environment, "apply", _cut, "--tool", "editing.fill", "--select", "gaps",
            "--provider", "editing.comfyui", "-o", output);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("answered POST /prompt with 500", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.DoesNotContain(Token, run.All, StringComparison.Ordinal);
    }
}
