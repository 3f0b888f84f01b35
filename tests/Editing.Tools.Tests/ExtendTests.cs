using Editing.Otio.OpenTime;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Tools.Tests.Support;

namespace Editing.Tools.Tests;

public sealed class ExtendTests(TestMedia media) : MediaTestBase(media), IClassFixture<TestMedia>
{
    [Fact]
    public async Task Extend_tail_inserts_generated_clip_after_source()
    {
        // Given a clip using plate frames 8..31 (media time 86408..86431, 01:00:00:08..01:00:01:07) with its edge frames
        var clip = await Contexts.WithEdgeFramesAsync(Contexts.Clip(Media, first: 8, count: 24), Media.Media, Folder);

        // When extended at the tail by the default 48 frames at 24 fps (48 frames at 24000/1001)
        var (result, context) = await RunAsync("editing.extend", clip, """{"seed": 7}""");

        // Then one output of 48 frames continues the timecode from the frame after the last used one
        var output = Assert.Single(result.Outputs);
        Assert.Equal(48, output.FrameCount);
        Assert.Equal("01:00:01:08", output.StartTimecode);
        Assert.Equal("ext-tail", output.Label);
        Assert.True(output.PartlyGenerated);
        Assert.StartsWith(context.ScratchDirectory, output.VideoPath, StringComparison.Ordinal);
        var probe = await Media.Media.ProbeAsync(output.VideoPath, CancellationToken.None);
        Assert.Equal(48, probe.FrameCount);
        Assert.Equal(TestMedia.Size, probe.Size);

        // And its audio is room tone of exactly 48 frames' worth of samples (2002 per frame at 23.976 and 48 kHz)
        Assert.NotNull(output.AudioPath);
        var audio = await Media.Media.ProbeAsync(output.AudioPath!, CancellationToken.None);
        Assert.Equal(48 * 2002, audio.AudioSampleCount);

        // And the model got the last 16 used frames, the last frame as its first, forwards
        var request = Assert.Single(Provider.Requests);
        Assert.Equal(GenerationMode.Extension, request.Mode);
        Assert.Equal(ExtensionDirection.Forward, request.Direction);
        Assert.Equal(new SourceVideo(Media.Path, 16, 16), request.Source);
        Assert.Equal(clip.LastFramePath, request.FirstFrame);
        Assert.Null(request.LastFrame);
        Assert.Equal(7, request.Seed);
        Assert.Equal(new SlateInfo("sh010", "01:00:01:08", "ext-tail"), request.Slate);
        Assert.Contains(output.Ingredients, i => i.Role == "source" && i.FirstFrame == 16 && i.FrameCount == 16);
        Assert.Contains(output.Ingredients, i => i.Role == "first-frame" && i.Path == clip.LastFramePath);
        Assert.Contains(output.Ingredients, i => i.Role == "audio");

        // And the edit inserts a new clip after the source, rippling
        var insert = Assert.IsType<InsertClip>(Assert.Single(result.Edits));
        Assert.Equal(InsertPosition.After, insert.Position);
        Assert.Equal(InsertMode.Ripple, insert.Mode);
        Assert.Equal("sh010 ext-tail", insert.ClipName);
        Assert.Equal(output.Id, insert.OutputId);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Extend_head_ends_on_the_frame_before_the_source_with_overwrite()
    {
        // Given the same clip, 12 frames asked before it, overwriting
        var clip = await Contexts.WithEdgeFramesAsync(Contexts.Clip(Media, first: 8, count: 24), Media.Media, Folder);

        var (result, _) = await RunAsync("editing.extend", clip, """{"side": "head", "duration": {"value": 12, "rate": 24}, "edit": "overwrite"}""");

        // Then the output's timecode starts 12 frames before the first used frame (86408 − 12 = 86396)
        var output = Assert.Single(result.Outputs);
        Assert.Equal(12, output.FrameCount);
        Assert.Equal("00:59:59:20", output.StartTimecode);
        Assert.Equal("ext-head", output.Label);
        var request = Assert.Single(Provider.Requests);
        Assert.Equal(ExtensionDirection.Backward, request.Direction);
        Assert.Equal(new SourceVideo(Media.Path, 8, 16), request.Source);
        Assert.Equal(clip.FirstFramePath, request.LastFrame);
        Assert.Null(request.FirstFrame);
        var audio = await Media.Media.ProbeAsync(output.AudioPath!, CancellationToken.None);
        Assert.Equal(12 * 2002, audio.AudioSampleCount);
        var insert = Assert.IsType<InsertClip>(Assert.Single(result.Edits));
        Assert.Equal(InsertPosition.Before, insert.Position);
        Assert.Equal(InsertMode.Overwrite, insert.Mode);
        Assert.Equal("sh010 ext-head", insert.ClipName);
    }

    [Fact]
    public async Task Extend_head_past_timecode_zero_has_no_timecode_and_says_so()
    {
        // Given a clip whose media starts at 00:00:00:00 and which uses it from frame 4, without edge frames extracted
        var clip = Contexts.Clip(Media, first: 4, count: 12) with
        {
            SourceRange = Contexts.Range(4, 12),
            Media = Contexts.Plate(Media) with { AvailableRange = Contexts.Range(0, TestMedia.Frames) },
        };

        // When extended 10 frames at the head with silence
        var (result, context) = await RunAsync("editing.extend", clip, """{"side": "head", "duration": {"value": 10, "rate": 24}, "audio": "silence", "context_frames": 2}""");

        // Then the output has no start timecode, a warning says why, and the audio is exact silence
        var output = Assert.Single(result.Outputs);
        Assert.Null(output.StartTimecode);
        Assert.Contains(result.Warnings, w => w.Contains("before 00:00:00:00", StringComparison.Ordinal));
        var audio = await Media.Media.ProbeAsync(output.AudioPath!, CancellationToken.None);
        Assert.Equal(10 * 2002, audio.AudioSampleCount);
        Assert.Equal(2, audio.AudioChannels);
        Assert.DoesNotContain(output.Ingredients, i => i.Role == "audio");

        // And the tool extracted the edge frame itself
        var request = Assert.Single(Provider.Requests);
        Assert.Equal(new SourceVideo(Media.Path, 4, 2), request.Source);
        Assert.StartsWith(context.ScratchDirectory, request.LastFrame, StringComparison.Ordinal);
        Assert.True(await Pixels.DifferenceToPlateAsync(Media, request.LastFrame!, 0, 4) < 3);
    }

    [Fact]
    public async Task Extend_of_a_clip_with_missing_media_generates_from_a_slate()
    {
        // Given a clip whose media is missing (the editor ran with --allow-missing)
        var clip = Contexts.Clip(Media, first: 8, count: 24) with
        {
            Media = new ClipMedia { Path = Path.Combine(Folder, "gone.mov"), Exists = false, AvailableRange = Contexts.Range(TestMedia.StartFrame, 48) },
        };

        var (result, _) = await RunAsync("editing.extend", clip, """{"duration": {"value": 6, "rate": 24}}""");

        // Then it is text-to-video with the shot name, no audio, and a warning
        var request = Assert.Single(Provider.Requests);
        Assert.Equal(GenerationMode.TextToVideo, request.Mode);
        Assert.Equal("sh010", request.Prompt);
        Assert.Null(request.Source);
        var output = Assert.Single(result.Outputs);
        Assert.Equal(6, output.FrameCount);
        Assert.Null(output.AudioPath);
        Assert.Equal("01:00:01:08", output.StartTimecode);
        Assert.Contains(result.Warnings, w => w.Contains("slate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Extend_tail_timecode_counts_drop_frame_at_29_97()
    {
        // Given a clip at 30000/1001 whose used range ends at media frame 1800 (exclusive), media missing
        var rate = new VideoRate(30000, 1001);
        var fps = rate.FramesPerSecond;
        var clip = Contexts.Clip(Media, first: 0, count: 24) with
        {
            Rate = rate,
            RecordRange = new TimeRange(new RationalTime(0, fps), new RationalTime(24, fps)),
            SourceRange = new TimeRange(new RationalTime(1776, fps), new RationalTime(24, fps)),
            Media = new ClipMedia { Path = Path.Combine(Folder, "gone.mov"), Exists = false },
        };

        var (result, _) = await RunAsync("editing.extend", clip, """{"duration": {"value": 2, "rate": 24}}""");

        // Then the extension starts at frame 1800, which drop-frame timecode calls 00:01:00;02
        var output = Assert.Single(result.Outputs);
        Assert.Equal(2, output.FrameCount);
        Assert.Equal("00:01:00;02", output.StartTimecode);
    }

    [Fact]
    public async Task Extend_honours_cancellation_before_generating()
    {
        // Given a call the editor has already cancelled
        var clip = await Contexts.WithEdgeFramesAsync(Contexts.Clip(Media, first: 8, count: 24), Media.Media, Folder);
        var tool = Support.Tools.Create("editing.extend");
        using var context = new TestToolContext(Media.Media, Provider, Folder);
        context.Cancel();

        // Then the run stops with a cancellation and nothing is generated
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => tool.RunAsync(clip, tool.Descriptor.Schema.Defaults(), context, CancellationToken.None));
        Assert.Empty(Provider.Requests);
    }
}
