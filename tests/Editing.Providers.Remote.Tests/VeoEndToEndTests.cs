using Editing.Providers.Remote.Tests.Support;

namespace Editing.Providers.Remote.Tests;

/// <summary><c>editing apply --provider editing.veo</c> end to end against the Veo fake.</summary>
public sealed class VeoEndToEndTests : IDisposable
{
    private readonly string _key = Harness.NewKey("AIzaTest");
    private readonly VeoFake _server;
    private readonly EndToEnd _run = new();

    public VeoEndToEndTests() => _server = new VeoFake(_key);

    public void Dispose()
    {
        _run.Dispose();
        _server.Dispose();
    }

    [Fact]
    public void Extend_through_the_cli_inserts_a_clip_conformed_exactly_to_the_timeline_and_leaks_no_key()
    {
        var result = _run.Extend("editing.veo", "veo-3.1-generate-preview", "GEMINI_API_KEY", _key, _server.BaseUrl);

        _run.AssertConformed(result, "sh010 ext-tail", 24, "editing.veo", "veo-3.1-generate-preview");
        _run.AssertNoSecret(_key, result);
        Assert.Single(_server.Operations);
    }

    [Fact]
    public void Fill_through_the_cli_bridges_the_gap_from_first_to_last_frame()
    {
        var result = _run.Fill("editing.veo", "veo-3.1-generate-preview", "GEMINI_API_KEY", _key, _server.BaseUrl);

        var name = _run.AssertFillClip(result);
        _run.AssertConformed(result, name, 12, "editing.veo", "veo-3.1-generate-preview");
        _run.AssertNoSecret(_key, result);
        Assert.NotNull(_server.Operations.Single().Body["instances"]![0]!["lastFrame"]);
    }
}
