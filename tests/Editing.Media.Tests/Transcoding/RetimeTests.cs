using Editing.Media.Frames;
using Editing.Media.Probe;
using Editing.Media.Tests.Support;
using Editing.Media.Transcoding;

namespace Editing.Media.Tests.Transcoding;

public sealed class RetimeFixture : TestFolder
{
    public RetimeFixture()
    {
        Clip = Ffmpeg.MakeClip(Path("clip.mov"), frames: 48, timecode: "01:00:00:00", audioSamples: 96096);
        // Frame n has R = 5n (lossless), to check where source frames land.
        Indexed = Path("indexed.mkv");
        Ffmpeg.Run(
            "-f", "lavfi", "-i", "color=c=black:size=64x36:rate=24000/1001",
            "-vf", "format=rgb24,geq=r='5*N':g='128':b='128'",
            "-frames:v", "24", "-c:v", "ffv1", "-pix_fmt", "gbrp", Indexed);
        Red = Path("red.png");
        Ffmpeg.Run("-f", "lavfi", "-i", "color=c=red:size=320x180", "-frames:v", "1", "-update", "1", Red);
        Blue = Path("blue.png");
        Ffmpeg.Run("-f", "lavfi", "-i", "color=c=blue:size=160x160", "-frames:v", "1", "-pix_fmt", "rgb48be", "-update", "1", Blue);
    }

    public string Clip { get; }

    public string Indexed { get; }

    public string Red { get; }

    public string Blue { get; }
}

public sealed class RetimeTests(RetimeFixture media) : IClassFixture<RetimeFixture>
{
    private static readonly EncodeSpec Spec = new() { Rate = FrameRate.Fps23_976, Width = 320, Height = 180, ProResQScale = 8 };

    private static readonly EncodeSpec SmallLossless = new() { Rate = FrameRate.Fps23_976, Width = 64, Height = 36, Codec = CodecProfile.Ffv1 };

    [Fact]
    public async Task Retime_slows_down_with_blend_to_exact_frame_and_sample_counts()
    {
        var output = media.Path("slow.mov");

        await Retimer.RetimeAsync(media.Clip, 0, 24, 36, InterpolationMode.Blend, Spec with { Audio = new AudioSpec() }, output);

        var info = await MediaProbe.ProbeAsync(output);
        Assert.Equal(36, info.Video!.FrameCount);
        Assert.Equal(72072, info.Audio[0].SampleCount);
        Assert.Equal("01:00:00:00", info.Video.StartTimecode);
    }

    [Fact]
    public async Task Retime_speeds_up_to_exact_frame_count()
    {
        var output = media.Path("fast.mov");

        await Retimer.RetimeAsync(media.Clip, 8, 40, 20, InterpolationMode.Blend, Spec, output);

        Assert.Equal(20, (await MediaProbe.ProbeAsync(output)).Video!.FrameCount);
    }

    [Fact]
    public async Task Retime_blend_puts_source_frames_at_their_output_positions_and_blends_between()
    {
        var output = media.Path("double.mov");

        await Retimer.RetimeAsync(media.Indexed, 0, 12, 24, InterpolationMode.Blend, SmallLossless, output);

        var reds = await CentreRedsAsync(output, 24);
        Assert.Equal(24, reds.Count);
        for (var j = 0; j < 11; j++)
        {
            Assert.Equal(5.0 * j, reds[2 * j], 2.0);
            Assert.Equal((5.0 * j) + 2.5, reds[(2 * j) + 1], 2.0);
        }
    }

    [Fact]
    public async Task Retime_duplicate_repeats_whole_frames()
    {
        var output = media.Path("dup.mov");

        await Retimer.RetimeAsync(media.Indexed, 4, 12, 24, InterpolationMode.Duplicate, SmallLossless, output);

        var reds = await CentreRedsAsync(output, 24);
        for (var j = 0; j < 12; j++)
        {
            Assert.Equal(5.0 * (4 + j), reds[2 * j], 2.0);
            Assert.Equal(5.0 * (4 + j), reds[(2 * j) + 1], 2.0);
        }
    }

    [Fact]
    public async Task Retime_motion_compensated_gives_exact_frame_count()
    {
        var output = media.Path("mci.mov");

        await Retimer.RetimeAsync(media.Clip, 0, 12, 18, InterpolationMode.MotionCompensated, Spec, output);

        Assert.Equal(18, (await MediaProbe.ProbeAsync(output)).Video!.FrameCount);
    }

    [Fact]
    public async Task Retime_of_frames_beyond_the_clip_is_out_of_range()
    {
        var error = await Assert.ThrowsAsync<MediaException>(() => Retimer.RetimeAsync(media.Clip, 40, 10, 20, InterpolationMode.Blend, Spec, media.Path("never.mov")));

        Assert.Equal(MediaErrorKind.OutOfRange, error.Kind);
    }

    [Theory]
    [InlineData(InterpolationMode.Blend, 12)]
    [InlineData(InterpolationMode.MotionCompensated, 8)]
    [InlineData(InterpolationMode.Duplicate, 7)]
    [InlineData(InterpolationMode.Blend, 2)]
    public async Task Interpolate_between_two_stills_starts_on_the_first_and_ends_on_the_last(InterpolationMode mode, int frames)
    {
        var output = media.Path($"between-{mode}-{frames}.mov");

        await Retimer.InterpolateBetweenAsync(media.Red, media.Blue, frames, mode, Spec with { Audio = new AudioSpec() }, output);

        var info = await MediaProbe.ProbeAsync(output);
        Assert.Equal(frames, info.Video!.FrameCount);
        Assert.Equal(FrameRate.Fps23_976.FramesToSamples(frames, 48000), info.Audio[0].SampleCount);
        var all = new List<RawFrame>();
        await foreach (var frame in RawFrameReader.ReadFramesAsync(output, 0, frames, RawPixelFormat.Rgb24))
        {
            all.Add(frame);
        }
        Assert.True(Ffmpeg.CentreMean(all[0], 0) > 240 && Ffmpeg.CentreMean(all[0], 2) < 15, "first frame is red");
        Assert.True(Ffmpeg.CentreMean(all[^1], 2) > 240 && Ffmpeg.CentreMean(all[^1], 0) < 15, "last frame is blue");
        if (mode == InterpolationMode.Blend && frames > 3)
        {
            var middle = all[frames / 2];
            Assert.InRange(Ffmpeg.CentreMean(middle, 0), 60, 200);
            Assert.InRange(Ffmpeg.CentreMean(middle, 2), 60, 200);
        }
    }

    private static async Task<List<double>> CentreRedsAsync(string path, int count)
    {
        var reds = new List<double>();
        await foreach (var frame in RawFrameReader.ReadFramesAsync(path, 0, count, RawPixelFormat.Rgb24))
        {
            reds.Add(Ffmpeg.CentreMean(frame, 0));
        }
        return reds;
    }
}
