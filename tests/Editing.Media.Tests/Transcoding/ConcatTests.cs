using Editing.Media.Probe;
using Editing.Media.Tests.Support;
using Editing.Media.Transcoding;

namespace Editing.Media.Tests.Transcoding;

public sealed class ConcatTests(TestFolder folder) : IClassFixture<TestFolder>
{
    [Fact]
    public async Task Concat_joins_clips_frame_for_frame_with_exact_frame_and_sample_counts()
    {
        var first = Ffmpeg.MakeClip(folder.Path("a.mov"), frames: 24, timecode: "02:00:00:00", audioSamples: 48048);
        var second = Ffmpeg.MakeClip(folder.Path("b.mov"), frames: 36, rate: "24000/1001", size: "240x180", source: "smptebars");
        var output = folder.Path("joined.mov");
        var spec = new EncodeSpec { Rate = FrameRate.Fps23_976, Width = 320, Height = 180, ProResQScale = 8, Audio = new AudioSpec() };

        var progress = new ListProgress();
        await Concatenator.ConcatAsync([first, second], spec, output, progress);

        var info = await MediaProbe.ProbeAsync(output);
        Assert.Equal(60, info.Video!.FrameCount);
        Assert.Equal((320, 180), (info.Video.Width, info.Video.Height));
        Assert.Equal(120120, info.Audio[0].SampleCount);
        Assert.Equal("02:00:00:00", info.Video.StartTimecode);
        Assert.Equal(60, progress.Reports[^1].TotalFrames);
        // The join: frame 23 is A's last frame, frame 24 is B's first (bars, pillarboxed).
        var last = await ConformTests.FirstFrameAsync(output, 23);
        var firstOfB = await ConformTests.FirstFrameAsync(output, 24);
        Assert.True(ConformTests.MeanAbsDifference(last, firstOfB) > 10);
        Assert.InRange(firstOfB.GetPixel(5, 90).R + firstOfB.GetPixel(5, 90).G + firstOfB.GetPixel(5, 90).B, 0, 12);
    }
}
