using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Tools.Tests.Support;

namespace Editing.Tools.Tests;

public sealed class RetimeTests(TestMedia media) : MediaTestBase(media), IClassFixture<TestMedia>
{
    [Fact]
    public async Task Retime_2x_renders_the_clip_duration_from_twice_the_frames()
    {
        // Given a 20-frame clip from plate frame 2 playing at twice the speed (it shows plate frames 2..41)
        var clip = Contexts.Clip(Media, first: 2, count: 20) with { TimeWarp = new TimeWarpInfo("LinearTimeWarp", 2) };

        // When rendered with duplicated frames
        var (result, _) = await RunAsync("editing.retime", clip, """{"quality": "duplicate"}""");

        // Then the render has the clip's 20 frames, every other plate frame, at the clip's source timecode
        var output = Assert.Single(result.Outputs);
        Assert.Equal(20, output.FrameCount);
        Assert.Equal("01:00:00:02", output.StartTimecode);
        Assert.False(output.PartlyGenerated);
        Assert.Null(output.Generation);
        Assert.Equal(20, (await Media.Media.ProbeAsync(output.VideoPath, CancellationToken.None)).FrameCount);
        Assert.True(await Pixels.DifferenceToPlateAsync(Media, output.VideoPath, 0, 2) < 3);
        Assert.True(await Pixels.DifferenceToPlateAsync(Media, output.VideoPath, 10, 22) < 3);
        Assert.Contains(output.Ingredients, i => i.Role == "source" && i.FirstFrame == 2 && i.FrameCount == 40);
        Assert.IsType<ReplaceWithRender>(Assert.Single(result.Edits));
        Assert.Empty(Provider.Requests);
    }

    [Fact]
    public async Task Retime_motion_compensated_asks_the_provider_for_interpolation()
    {
        // Given a 12-frame clip at half speed (6 source frames)
        var clip = Contexts.Clip(Media, first: 10, count: 12) with { TimeWarp = new TimeWarpInfo("LinearTimeWarp", 0.5) };

        var (result, _) = await RunAsync("editing.retime", clip, """{"quality": "motion-compensated", "seed": 9}""");

        var request = Assert.Single(Provider.Requests);
        Assert.Equal(GenerationMode.Interpolation, request.Mode);
        Assert.Equal(new SourceVideo(Media.Path, 10, 6), request.Source);
        Assert.Equal(12, request.FrameCount);
        Assert.Equal(9, request.Seed);
        var output = Assert.Single(result.Outputs);
        Assert.Equal(12, output.FrameCount);
        Assert.NotNull(output.Generation);
        Assert.Equal(12, (await Media.Media.ProbeAsync(output.VideoPath, CancellationToken.None)).FrameCount);
    }

    [Fact]
    public async Task Retime_reverse_plays_the_used_frames_backwards()
    {
        // Given a 12-frame clip from plate frame 10 at −1×
        var clip = Contexts.Clip(Media, first: 10, count: 12) with { TimeWarp = new TimeWarpInfo("LinearTimeWarp", -1) };

        var (result, _) = await RunAsync("editing.retime", clip);

        var output = Assert.Single(result.Outputs);
        Assert.Equal(12, (await Media.Media.ProbeAsync(output.VideoPath, CancellationToken.None)).FrameCount);
        Assert.True(await Pixels.DifferenceToPlateAsync(Media, output.VideoPath, 0, 21) < 3);
        Assert.True(await Pixels.DifferenceToPlateAsync(Media, output.VideoPath, 11, 10) < 3);
    }

    [Fact]
    public async Task Retime_freeze_holds_the_first_used_frame()
    {
        var clip = Contexts.Clip(Media, first: 5, count: 8) with { TimeWarp = new TimeWarpInfo("FreezeFrame", 0) };

        var (result, _) = await RunAsync("editing.retime", clip);

        var output = Assert.Single(result.Outputs);
        Assert.Equal(8, output.FrameCount);
        Assert.True(await Pixels.DifferenceToPlateAsync(Media, output.VideoPath, 0, 5) < 3);
        Assert.True(await Pixels.DifferenceToPlateAsync(Media, output.VideoPath, 7, 5) < 3);
    }

    [Fact]
    public async Task Retime_motion_compensated_without_a_provider_uses_the_media_layer_and_says_so()
    {
        var clip = Contexts.Clip(Media, first: 10, count: 6) with { TimeWarp = new TimeWarpInfo("LinearTimeWarp", 0.5) };

        var (result, _) = await RunAsync("editing.retime", clip, """{"quality": "motion-compensated"}""", new NoProviderAccess());

        var output = Assert.Single(result.Outputs);
        Assert.Null(output.Generation);
        Assert.Equal(6, (await Media.Media.ProbeAsync(output.VideoPath, CancellationToken.None)).FrameCount);
        Assert.Contains(result.Warnings, w => w.Contains("no provider was chosen", StringComparison.Ordinal));
    }
}
