using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools.Edits;
using Editing.Tools.Tests.Support;

namespace Editing.Tools.Tests;

public sealed class ReplaceTests(TestMedia media) : MediaTestBase(media), IClassFixture<TestMedia>
{
    [Fact]
    public async Task Replace_from_frames_covers_the_used_range_at_the_source_timecode()
    {
        // Given a clip using plate frames 8..31 and a reference still
        var clip = await Contexts.WithEdgeFramesAsync(Contexts.Clip(Media, first: 8, count: 24), Media.Media, Folder);
        var reference = Path.Combine(Folder, "look.png");
        await Media.Media.ExtractFrameAsync(Media.Path, 47, reference, CancellationToken.None);

        // When replaced from its frames, steered toward the reference
        var (result, _) = await RunAsync("editing.replace", clip, $$"""{"prompt": "dusk", "reference": {"path": "{{reference}}"}, "strength": 0.5}""");

        // Then the new media has the clip's 24 frames and starts at the clip's source timecode
        var output = Assert.Single(result.Outputs);
        Assert.Equal(24, output.FrameCount);
        Assert.Equal("01:00:00:08", output.StartTimecode);
        Assert.False(output.PartlyGenerated);
        Assert.Equal(24, (await Media.Media.ProbeAsync(output.VideoPath, CancellationToken.None)).FrameCount);
        Assert.IsType<ReplaceActiveMedia>(Assert.Single(result.Edits));

        // And it was video-to-video over exactly the used frames, with the reference as the look
        var request = Assert.Single(Provider.Requests);
        Assert.Equal(GenerationMode.VideoToVideo, request.Mode);
        Assert.Equal(new SourceVideo(Media.Path, 8, 24), request.Source);
        Assert.Equal(0.5, request.Strength);
        var look = Assert.Single(request.References);
        Assert.Equal(reference, look.Path);
        Assert.Equal(MediaRole.Style, look.Role);
        Assert.Contains(output.Ingredients, i => i.Role == "source" && i.FirstFrame == 8 && i.FrameCount == 24);
        Assert.Contains(output.Ingredients, i => i.Role == "reference" && i.Path == reference);
    }

    [Fact]
    public async Task Replace_from_reference_starts_on_the_reference_image()
    {
        var clip = Contexts.Clip(Media, first: 0, count: 12);
        var reference = Path.Combine(Folder, "board.png");
        await Media.Media.ExtractFrameAsync(Media.Path, 40, reference, CancellationToken.None);

        var (result, _) = await RunAsync("editing.replace", clip, $$$"""{"from": "reference", "reference": {"path": "{{{reference}}}"}}""");

        var request = Assert.Single(Provider.Requests);
        Assert.Equal(GenerationMode.ImageToVideo, request.Mode);
        Assert.Equal(reference, request.FirstFrame);
        Assert.Null(request.Source);
        var output = Assert.Single(result.Outputs);
        Assert.Equal(12, output.FrameCount);
        Assert.Equal(TestMedia.StartTimecode, output.StartTimecode);
        Assert.True(await Pixels.DifferenceAsync(Media.Media, output.VideoPath, 0, reference, 0) < 4);
    }

    [Fact]
    public async Task Variations_add_one_variant_per_seed_with_distinct_pixels()
    {
        // Given a clip and three variations from base seed 10
        var clip = Contexts.Clip(Media, first: 8, count: 12);

        var (result, _) = await RunAsync("editing.variations", clip, """{"count": 3, "seed": 10, "from": "prompt", "prompt": "a lighthouse"}""");

        // Then there are three outputs with seeds 10, 11, 12, each added as a variant, the first made active
        Assert.Equal([10L, 11L, 12L], Provider.Requests.Select(r => r.Seed));
        Assert.All(Provider.Requests, r => Assert.Equal(GenerationMode.TextToVideo, r.Mode));
        Assert.Equal(["var-s10", "var-s11", "var-s12"], result.Outputs.Select(o => o.Label));
        Assert.All(result.Outputs, o => Assert.Equal(12, o.FrameCount));
        Assert.All(result.Outputs, o => Assert.Equal("01:00:00:08", o.StartTimecode));
        var variants = result.Edits.Select(e => Assert.IsType<AddVariant>(e)).ToList();
        Assert.Equal(result.Outputs.Select(o => o.Id), variants.Select(v => v.OutputId));
        Assert.Equal([true, false, false], variants.Select(v => v.MakeActive));

        // And their pixels differ
        var paths = result.Outputs.Select(o => o.VideoPath).ToList();
        Assert.Equal(3, paths.Distinct().Count());
        Assert.True(await Pixels.DifferenceAsync(Media.Media, paths[0], 6, paths[1], 6) > 2);
        Assert.True(await Pixels.DifferenceAsync(Media.Media, paths[1], 6, paths[2], 6) > 2);
    }

    [Fact]
    public async Task Variations_can_leave_the_active_media_alone()
    {
        var clip = Contexts.Clip(Media, first: 0, count: 4);

        var (result, _) = await RunAsync("editing.variations", clip, """{"count": 1, "from": "prompt", "activate_first": false}""");

        Assert.False(Assert.IsType<AddVariant>(Assert.Single(result.Edits)).MakeActive);
    }
}
