using Editing.Host.Plugins;
using Editing.Providers.Local.Tests.Support;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Local.Tests.Studio;

[Collection("studio")]
public sealed class StudioProviderTests(StudioServerFixture server) : IAsyncLifetime
{
    private const string Provider = "editing.studio";
    private ProviderHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new ProviderHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private Dictionary<string, string> Secrets(string token = StudioServerFixture.Token) => new() { ["token"] = token };

    [Fact]
    public async Task Models_are_the_servers_capabilities()
    {
        var descriptor = await _harness.DescribeAsync(Provider);

        Assert.Equal(["previs-1", "broken-1", "hold-1"], descriptor.Models.Select(m => m.ModelId));
        var broken = descriptor.FindModel("broken-1")!;
        Assert.Equal((new FrameCountGrid(8, 1), 32, new VideoRate(24, 1)), (broken.FrameGrid, broken.SizeMultiple, broken.NativeRates[0]));
        Assert.Equal("owned", broken.TrainingData.Source);
        Assert.True(descriptor.Remote);
    }

    [Theory]
    [InlineData("multipart")]
    [InlineData("json")]
    public async Task Image_to_video_with_first_and_last_frame_runs_on_the_reference_server(string upload)
    {
        var request = ProviderHarness.ImageToVideo(_harness.Still("first.png"), _harness.Still("last.png", "testsrc2=size=160x90,hflip"), frames: 14);

        var result = await _harness.GenerateAsync(Provider, request, server.Settings(("upload", upload)), Secrets());

        Assert.Equal((14L, new PixelSize(160, 90), new VideoRate(24000, 1001)), (result.FrameCount, result.Size, result.Rate));
        Assert.Equal(("previs-1", "editing.studio", "synthetic"), (result.ModelId, result.ProviderId, result.TrainingData.Source));
        Assert.NotNull(result.RemoteTaskId);
        Assert.True(File.Exists(result.VideoPath));
    }

    [Fact]
    public async Task Extension_sends_the_source_excerpt()
    {
        var request = ProviderHarness.ImageToVideo(_harness.Still("edge.png"), frames: 10) with
        {
            Mode = GenerationMode.Extension,
            Source = new SourceVideo(_harness.Clip("source.mov", 16), 4, 12),
        };

        var result = await _harness.GenerateAsync(Provider, request, server.Settings(), Secrets());

        Assert.Equal(10L, result.FrameCount);
    }

    [Fact]
    public async Task Overloaded_server_is_retried_until_the_job_is_accepted()
    {
        server.FailCreates = 2;
        var before = server.CreateAttempts;

        var result = await _harness.GenerateAsync(Provider, ProviderHarness.ImageToVideo(_harness.Still("first.png"), frames: 6), server.Settings(), Secrets());

        Assert.Equal(3, server.CreateAttempts - before);
        Assert.Equal(6L, result.FrameCount);
    }

    [Fact]
    public async Task A_failed_job_reports_the_servers_problem()
    {
        var e = await Assert.ThrowsAsync<PluginCallException>(() => _harness.GenerateAsync(Provider,
            ProviderHarness.ImageToVideo(_harness.Still("first.png"), frames: 6, model: "broken-1"), server.Settings(), Secrets()));

        Assert.Contains("failed job", e.Message, StringComparison.Ordinal);
        Assert.Contains("the catalogue model ran out of GPU memory [generation-failed]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_status_answer_is_a_clear_error()
    {
        server.MalformedStatus = true;
        try
        {
            var e = await Assert.ThrowsAsync<PluginCallException>(() => _harness.GenerateAsync(Provider,
                ProviderHarness.ImageToVideo(_harness.Still("first.png"), frames: 6), server.Settings(("retries", "1")), Secrets()));

            Assert.Contains("answered GET /v1/jobs/{id} with a malformed response", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            server.MalformedStatus = false;
        }
    }

    [Fact]
    public async Task Cancelling_mid_job_deletes_the_job_on_the_server()
    {
        using var cancel = new CancellationTokenSource();
        var run = _harness.GenerateAsync(Provider, ProviderHarness.ImageToVideo(_harness.Still("first.png"), frames: 6, model: "hold-1"),
            server.Settings(), Secrets(), cancel.Token);
        await server.Hold.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        await server.Hold.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_a_hint_and_never_echoed()
    {
        var e = await Assert.ThrowsAsync<PluginCallException>(() => _harness.GenerateAsync(Provider,
            ProviderHarness.ImageToVideo(_harness.Still("first.png"), frames: 6), server.Settings(), Secrets("not-the-token-31337")));

        Assert.Contains("401", e.Message, StringComparison.Ordinal);
        Assert.Contains("[unauthorized]", e.Message, StringComparison.Ordinal);
        Assert.Contains("check the token secret", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token-31337", e.ToString(), StringComparison.Ordinal);
    }
}
