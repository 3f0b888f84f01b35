using Editing.Cli.Tests;
using Editing.Providers.Local.Tests.Studio;
using Editing.Providers.Local.Tests.Support;

namespace Editing.Providers.Local.Tests.EndToEnd;

/// <summary><c>editing apply ... --provider editing.studio</c> against the real reference server, configured by environment variables.</summary>
[Collection("studio")]
public sealed class StudioEndToEndTests(StudioServerFixture server) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("editing-studio-e2e-");

    public void Dispose() => _dir.Delete(recursive: true);

    private Dictionary<string, string> Environment() => new()
    {
        ["EDITING_PROVIDER__EDITING_STUDIO__BASE_URL"] = server.BaseUrl,
        ["EDITING_PROVIDER__EDITING_STUDIO__POLL_SECONDS"] = "0.05",
        ["EDITING_PROVIDER__EDITING_STUDIO__RETRY_DELAY_SECONDS"] = "0.05",
        ["EDITING_SECRET__EDITING_STUDIO__TOKEN"] = StudioServerFixture.Token,
    };

    [Fact]
    public void Extend_and_fill_on_the_reference_server_are_conformed_exactly_and_leak_no_secret()
    {
        var cut = TimelineChecks.SmallCut(_dir.FullName);
        var extended = Path.Combine(_dir.FullName, "extended.otio");
        var filled = Path.Combine(_dir.FullName, "filled.otio");

        var extend = CliRunner.Run(_dir.FullName, Environment(), "apply", cut, "--tool", "editing.extend", "--select", "sh010",
            "--provider", "editing.studio", "--param", "duration=10", "-o", extended);
        var fill = CliRunner.Run(_dir.FullName, Environment(), "apply", extended, "--tool", "editing.fill", "--select", "gaps",
            "--provider", "editing.studio", "--param", "prompt=rain at night", "-o", filled);

        Assert.True(extend.ExitCode == 0, extend.All);
        Assert.True(fill.ExitCode == 0, fill.All);
        TimelineChecks.AssertConformed(TimelineChecks.GeneratedMedia(extended, "sh010 ext-tail"), frames: 10);
        TimelineChecks.AssertConformed(TimelineChecks.GeneratedMedia(filled, "rain at night"), frames: 6);
        TimelineChecks.AssertNoSecret(StudioServerFixture.Token, extend, extended);
        TimelineChecks.AssertNoSecret(StudioServerFixture.Token, fill, filled);
    }

    [Fact]
    public void A_wrong_token_exits_4_and_never_prints_either_token()
    {
        var cut = TimelineChecks.SmallCut(_dir.FullName);
        var output = Path.Combine(_dir.FullName, "refused.otio");
        var environment = Environment();
        environment["EDITING_SECRET__EDITING_STUDIO__TOKEN"] = "wrong-studio-token-5150";

        var run = CliRunner.Run(_dir.FullName, environment, "apply", cut, "--tool", "editing.fill", "--select", "gaps",
            "--provider", "editing.studio", "-o", output);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("401", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.DoesNotContain("wrong-studio-token-5150", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(StudioServerFixture.Token, run.All, StringComparison.Ordinal);
    }
}
