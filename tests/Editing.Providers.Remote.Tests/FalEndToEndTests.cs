using Editing.Providers.Remote.Tests.Support;

namespace Editing.Providers.Remote.Tests;

/// <summary><c>editing apply --provider editing.fal</c> end to end against the fal fake.</summary>
public sealed class FalEndToEndTests : IDisposable
{
    private readonly string _key = Harness.NewKey("fal_key");
    private readonly FalFake _server;
    private readonly EndToEnd _run = new();

    public FalEndToEndTests() => _server = new FalFake(_key);

    public void Dispose()
    {
        _run.Dispose();
        _server.Dispose();
    }

    [Fact]
    public void Extend_through_the_cli_with_pika_inserts_a_clip_conformed_exactly_to_the_timeline()
    {
        var result = _run.Extend("editing.fal", "pika-2.2-image-to-video", "FAL_KEY", _key, _server.BaseUrl);

        _run.AssertConformed(result, "sh010 ext-tail", 24, "editing.fal", "pika-2.2-image-to-video");
        _run.AssertNoSecret(_key, result);
        Assert.Single(_server.Submitted);
    }

    [Fact]
    public void Fill_through_the_cli_with_pikaframes_bridges_the_gap()
    {
        var result = _run.Fill("editing.fal", "pika-2.2-pikaframes", "FAL_KEY", _key, _server.BaseUrl);

        var name = _run.AssertFillClip(result);
        _run.AssertConformed(result, name, 12, "editing.fal", "pika-2.2-pikaframes");
        _run.AssertNoSecret(_key, result);
        Assert.Equal(2, _server.Submitted.Single().Input["image_urls"]!.AsArray().Count);
    }

    [Fact]
    public void A_fal_model_described_only_in_the_users_models_file_works_through_the_cli()
    {
        _run.Environment["EDITING_PROVIDER__EDITING_FAL__MODELS_FILE"] = FalProviderTests.UserModels(Directory.CreateDirectory(Path.Combine(_run.Dir, "studio")).FullName);

        var result = _run.Extend("editing.fal", "example-i2v", "FAL_KEY", _key, _server.BaseUrl, "--param", "prompt=the car drives off");

        _run.AssertConformed(result, "sh010 ext-tail", 24, "editing.fal", "example-i2v");
        _run.AssertNoSecret(_key, result);
        Assert.Equal("fal-ai/example/video-model/image-to-video", _server.Submitted.Single().Endpoint);
    }
}
