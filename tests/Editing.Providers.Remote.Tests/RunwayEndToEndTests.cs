using Editing.Providers.Remote.Tests.Support;

namespace Editing.Providers.Remote.Tests;

/// <summary><c>editing apply --provider editing.runway</c> end to end against the Runway fake.</summary>
public sealed class RunwayEndToEndTests : IDisposable
{
    private readonly string _key = Harness.NewKey("key_runway");
    private readonly RunwayFake _server;
    private readonly EndToEnd _run = new();

    public RunwayEndToEndTests() => _server = new RunwayFake(_key);

    public void Dispose()
    {
        _run.Dispose();
        _server.Dispose();
    }

    [Fact]
    public void Extend_through_the_cli_inserts_a_clip_conformed_exactly_to_the_timeline_and_leaks_no_key()
    {
        var result = _run.Extend("editing.runway", "gen4_turbo", "RUNWAYML_API_SECRET", _key, _server.BaseUrl);

        _run.AssertConformed(result, "sh010 ext-tail", 24, "editing.runway", "gen4_turbo");
        _run.AssertNoSecret(_key, result);
        Assert.Equal($"Bearer {_key}", _server.Seen("POST", "/v1/image_to_video").Single().Header("authorization"));
    }

    [Fact]
    public void Fill_through_the_cli_bridges_the_gap_from_first_to_last_frame_on_veo31()
    {
        var result = _run.Fill("editing.runway", "veo3.1", "RUNWAYML_API_SECRET", _key, _server.BaseUrl);

        var name = _run.AssertFillClip(result);
        _run.AssertConformed(result, name, 12, "editing.runway", "veo3.1");
        _run.AssertNoSecret(_key, result);
        Assert.Equal(2, _server.Tasks.Single().Body["promptImage"]!.AsArray().Count);
    }

    [Fact]
    public void A_moderation_failure_through_the_cli_exits_4_with_the_code_and_writes_nothing()
    {
        _server.FailureCode = "SAFETY.INPUT.TEXT";

        var result = _run.Extend("editing.runway", "gen4_turbo", "RUNWAYML_API_SECRET", _key, _server.BaseUrl);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("SAFETY.INPUT.TEXT", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_run.Output));
        _run.AssertNoSecret(_key, result);
    }
}
