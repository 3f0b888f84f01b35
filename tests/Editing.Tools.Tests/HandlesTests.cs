using Editing.Sdk.Providers;
using Editing.Sdk.Tools.Edits;
using Editing.Tools.Tests.Support;

namespace Editing.Tools.Tests;

public sealed class HandlesTests(TestMedia media) : MediaTestBase(media), IClassFixture<TestMedia>
{
    [Fact]
    public async Task Handles_generate_what_the_transitions_need_around_the_real_frames()
    {
        // Given a clip using plate frames 4..27 (head handle 4, tail handle 20) between two transitions: the one
        // before reaches 12 frames into it (in_offset), the one after 30 frames (out_offset)
        var clip = await Contexts.WithEdgeFramesAsync(Contexts.Clip(Media, first: 4, count: 24), Media.Media, Folder) with
        {
            Previous = Contexts.Transition(inOffset: 12, outOffset: 3, recordStart: 24),
            Next = Contexts.Transition(inOffset: 5, outOffset: 30, recordStart: 48),
        };

        // When the missing handles are generated
        var (result, _) = await RunAsync("editing.handles", clip, """{"seed": 3}""");

        // Then one file holds 8 generated head frames, the plate's 48 real frames and 10 generated tail frames, and its
        // timecode starts 8 frames before the plate's (86400 − 8 = 86392), so the clip's source range is unchanged
        var output = Assert.Single(result.Outputs);
        Assert.Equal(8 + 48 + 10, output.FrameCount);
        Assert.Equal("00:59:59:16", output.StartTimecode);
        Assert.True(output.PartlyGenerated);
        Assert.Equal("handles", output.Label);
        var probe = await Media.Media.ProbeAsync(output.VideoPath, CancellationToken.None);
        Assert.Equal(66, probe.FrameCount);
        Assert.IsType<ReplaceActiveMedia>(Assert.Single(result.Edits));

        // And the real frames sit where the timecode says: output frame 8 + n is plate frame n
        Assert.True(await Pixels.DifferenceToPlateAsync(Media, output.VideoPath, 8, 0) < 3);
        Assert.True(await Pixels.DifferenceToPlateAsync(Media, output.VideoPath, 8 + 4, 4) < 3);
        Assert.True(await Pixels.DifferenceToPlateAsync(Media, output.VideoPath, 8 + 47, 47) < 3);

        // And the model continued the media backwards from its first frame and forwards from its last
        Assert.Equal(2, Provider.Requests.Count);
        var head = Provider.Requests.Single(r => r.Direction == ExtensionDirection.Backward);
        var tail = Provider.Requests.Single(r => r.Direction == ExtensionDirection.Forward);
        Assert.Equal(8, head.FrameCount);
        Assert.Equal(new SourceVideo(Media.Path, 0, 16), head.Source);
        Assert.Equal(10, tail.FrameCount);
        Assert.Equal(new SourceVideo(Media.Path, 32, 16), tail.Source);
        Assert.All(Provider.Requests, r => Assert.Equal(3, r.Seed));
        Assert.Equal("01:00:02:00", tail.Slate!.StartTimecode);
    }

    [Fact]
    public async Task Handles_asked_for_explicitly_only_generate_the_tail()
    {
        // Given a clip with 16 frames of tail handle and a request for 20
        var clip = Contexts.Clip(Media, first: 8, count: 24);

        var (result, _) = await RunAsync("editing.handles", clip, """{"tail_frames": 20}""");

        // Then 4 tail frames are generated after the plate's 48; the timecode is the plate's own
        var output = Assert.Single(result.Outputs);
        Assert.Equal(48 + 4, output.FrameCount);
        Assert.Equal(TestMedia.StartTimecode, output.StartTimecode);
        var request = Assert.Single(Provider.Requests);
        Assert.Equal(ExtensionDirection.Forward, request.Direction);
        Assert.True(await Pixels.DifferenceToPlateAsync(Media, output.VideoPath, 0, 0) < 3);
    }
}
