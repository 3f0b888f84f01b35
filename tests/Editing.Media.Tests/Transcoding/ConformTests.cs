using Editing.Media.Frames;
using Editing.Media.Probe;
using Editing.Media.Tests.Support;
using Editing.Media.Transcoding;

namespace Editing.Media.Tests.Transcoding;

public sealed class ConformFixture : TestFolder
{
    public ConformFixture()
    {
        Ntsc = Ffmpeg.MakeClip(Path("ntsc.mov"), frames: 48, timecode: "01:00:00:00", audioSamples: 96096);
        Film24 = Ffmpeg.MakeClip(Path("film24.mov"), frames: 48, rate: "24");
        FourByThree = Ffmpeg.MakeClip(Path("four-by-three.mov"), frames: 6, rate: "25", size: "240x180");
    }

    /// <summary>48 frames at 23.976, 320x180, TC 01:00:00:00, 96096 samples of stereo audio.</summary>
    public string Ntsc { get; }

    /// <summary>48 frames at 24 fps, no timecode, no audio.</summary>
    public string Film24 { get; }

    /// <summary>6 frames of 240x180 (4:3) at 25 fps.</summary>
    public string FourByThree { get; }
}

public sealed class ConformTests(ConformFixture media) : IClassFixture<ConformFixture>
{
    private static ConformSpec Spec(long frames, FrameRate? rate = null) => new()
    {
        Rate = rate ?? FrameRate.Fps23_976,
        Width = 320,
        Height = 180,
        FrameCount = frames,
        ProResQScale = 8,
    };

    [Fact]
    public async Task Conform_converts_23_976_to_25_with_exact_frame_and_sample_counts()
    {
        var output = media.Path("to25.mov");

        var result = await Conformer.ConformAsync(media.Ntsc, Spec(50, FrameRate.Fps25) with { Audio = new AudioSpec() }, output);

        var info = await MediaProbe.ProbeAsync(output);
        Assert.Equal(FrameRate.Fps25, info.Video!.FrameRate);
        Assert.Equal(50, info.Video.FrameCount);
        Assert.Equal(96000, info.Audio[0].SampleCount);
        Assert.Equal("01:00:00:00", info.Video.StartTimecode);
        Assert.Equal(info, result);
    }

    [Fact]
    public async Task Conform_converts_24_to_23_976()
    {
        var output = media.Path("to2398.mov");

        await Conformer.ConformAsync(media.Film24, Spec(48), output);

        var video = (await MediaProbe.ProbeAsync(output)).Video!;
        Assert.Equal("24000/1001", video.FrameRate.ToString());
        Assert.Equal(48, video.FrameCount);
    }

    [Fact]
    public async Task Conform_pads_short_clip_to_exact_frame_count_at_23_976_by_holding_the_last_frame()
    {
        var output = media.Path("padded.mov");

        await Conformer.ConformAsync(media.Ntsc, Spec(72), output);

        Assert.Equal(72, (await MediaProbe.ProbeAsync(output)).Video!.FrameCount);
        // Frame 47 is the source's last; 48..71 hold it (testsrc2 moves, so 46 differs from 47).
        var tail = new List<RawFrame>();
        await foreach (var frame in RawFrameReader.ReadFramesAsync(output, 46, 26, RawPixelFormat.Rgb24))
        {
            tail.Add(frame);
        }
        Assert.True(MeanAbsDifference(tail[0], tail[1]) > 1.0);
        Assert.All(tail.Skip(2), held => Assert.True(MeanAbsDifference(tail[1], held) < 0.5));
    }

    [Fact]
    public async Task Conform_trims_long_clip_to_exact_frame_count()
    {
        var output = media.Path("trimmed.mov");

        await Conformer.ConformAsync(media.Ntsc, Spec(30) with { Audio = new AudioSpec() }, output);

        var info = await MediaProbe.ProbeAsync(output);
        Assert.Equal(30, info.Video!.FrameCount);
        Assert.Equal(60060, info.Audio[0].SampleCount);
    }

    [Fact]
    public async Task Conform_makes_audio_sample_exact_120_frames_at_23_976_is_240240_samples()
    {
        var output = media.Path("sample-exact.mov");

        await Conformer.ConformAsync(media.Ntsc, Spec(120) with { Audio = new AudioSpec { SampleRate = 48000, Channels = 2 } }, output);

        var info = await MediaProbe.ProbeAsync(output);
        Assert.Equal(120, info.Video!.FrameCount);
        var audio = Assert.Single(info.Audio);
        Assert.Equal(("pcm_s24le", 48000, "stereo", 240240L), (audio.Codec, audio.SampleRate, audio.ChannelLayout, audio.SampleCount));
        Assert.Equal(240240 * 2, Ffmpeg.ReadPcm16(output).Length);
    }

    [Fact]
    public async Task Conform_adds_exact_silence_when_the_source_has_no_audio()
    {
        var output = media.Path("silent.mov");

        await Conformer.ConformAsync(media.Film24, Spec(24) with { Audio = new AudioSpec { Channels = 1 } }, output);

        var samples = Ffmpeg.ReadPcm16(output);
        Assert.Equal(48048, samples.Length);
        Assert.All(samples, s => Assert.Equal(0, s));
    }

    [Fact]
    public async Task Conform_fit_letterboxes_a_4_by_3_source_into_16_by_9()
    {
        var output = media.Path("fit.mov");

        await Conformer.ConformAsync(media.FourByThree, Spec(6) with { Scale = ScalePolicy.Fit }, output);

        var frame = await FirstFrameAsync(output, 0);
        Assert.Equal((320, 180), (frame.Width, frame.Height));
        Assert.InRange(Brightness(frame, 10, 90), 0, 6);
        Assert.InRange(Brightness(frame, 309, 90), 0, 6);
        Assert.True(Ffmpeg.CentreMean(frame, 0) + Ffmpeg.CentreMean(frame, 1) + Ffmpeg.CentreMean(frame, 2) > 60);
    }

    [Fact]
    public async Task Conform_fill_crops_to_the_target_size()
    {
        var output = media.Path("fill.mov");

        await Conformer.ConformAsync(media.Ntsc, Spec(6) with { Width = 180, Height = 180, Scale = ScalePolicy.Fill }, output);

        var frame = await FirstFrameAsync(output, 0);
        Assert.Equal((180, 180), (frame.Width, frame.Height));
        Assert.True(Brightness(frame, 2, 90) > 6, "filled to the edge, no bars");
    }

    [Fact]
    public async Task Conform_stretch_fills_the_target_without_bars()
    {
        var output = media.Path("stretch.mov");

        await Conformer.ConformAsync(media.FourByThree, Spec(6) with { Scale = ScalePolicy.Stretch }, output);

        var frame = await FirstFrameAsync(output, 0);
        Assert.Equal((320, 180), (frame.Width, frame.Height));
        Assert.True(Brightness(frame, 3, 90) > 6, "stretched to the edge, no bars");
    }

    [Theory]
    [InlineData(CodecProfile.ProRes422HQ, "out.mov", "prores", "HQ", "yuv422p10le")]
    [InlineData(CodecProfile.ProRes422, "out.mov", "prores", "Standard", "yuv422p10le")]
    [InlineData(CodecProfile.ProRes422LT, "out.mov", "prores", "LT", "yuv422p10le")]
    [InlineData(CodecProfile.ProRes422Proxy, "out.mov", "prores", "Proxy", "yuv422p10le")]
    [InlineData(CodecProfile.DnxhrHQ, "out.mov", "dnxhd", "DNXHR HQ", "yuv422p")]
    [InlineData(CodecProfile.DnxhrSQ, "out.mov", "dnxhd", "DNXHR SQ", "yuv422p")]
    [InlineData(CodecProfile.H264Review, "out.mp4", "h264", "High", "yuv420p")]
    [InlineData(CodecProfile.Ffv1, "out.mov", "ffv1", null, "yuv444p10le")]
    public async Task Conform_writes_each_codec_profile_as_ffprobe_reports_it(CodecProfile codec, string name, string ffCodec, string? profile, string pixelFormat)
    {
        var output = media.Path($"{codec}-{name}");

        await Conformer.ConformAsync(media.Ntsc, Spec(12) with { Codec = codec, StartTimecode = "10:00:00:00", Audio = new AudioSpec() }, output);

        var info = await MediaProbe.ProbeAsync(output);
        Assert.Equal((ffCodec, pixelFormat, 12L), (info.Video!.Codec, info.Video.PixelFormat, info.Video.FrameCount));
        if (profile is not null)
        {
            Assert.Equal(profile, info.Video.Profile);
        }
        Assert.Equal("10:00:00:00", info.Video.StartTimecode);
        Assert.Single(info.Audio);
    }

    [Fact]
    public async Task Conform_turns_a_still_image_into_a_clip_of_exact_length()
    {
        var still = media.Path("still.png");
        Ffmpeg.Run("-f", "lavfi", "-i", "color=c=green:size=200x100", "-frames:v", "1", "-update", "1", still);
        var output = media.Path("still.mov");

        await Conformer.ConformAsync(still, Spec(30) with { Audio = new AudioSpec() }, output);

        var info = await MediaProbe.ProbeAsync(output);
        Assert.Equal((30L, 320, 180), (info.Video!.FrameCount, info.Video.Width, info.Video.Height));
        Assert.Equal(60060, info.Audio[0].SampleCount);
    }

    [Fact]
    public async Task Conform_stamps_the_requested_timecode_over_the_sources()
    {
        var output = media.Path("tc.mov");

        await Conformer.ConformAsync(media.Ntsc, Spec(12) with { StartTimecode = "02:30:00:12" }, output);

        Assert.Equal("02:30:00:12", (await MediaProbe.ProbeAsync(output)).Video!.StartTimecode);
    }

    [Fact]
    public async Task Conform_gives_byte_identical_output_for_the_same_input()
    {
        var first = media.Path("determinism-1.mov");
        var second = media.Path("determinism-2.mov");
        var spec = Spec(20) with { Audio = new AudioSpec(), BurnInTimecode = true, Overlays = [new TextOverlay { Text = "previs v001" }] };

        await Conformer.ConformAsync(media.Ntsc, spec, first);
        await Conformer.ConformAsync(media.Ntsc, spec, second);

        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
    }

    [Fact]
    public async Task Conform_reports_progress_up_to_the_total()
    {
        var progress = new ListProgress();

        await Conformer.ConformAsync(media.Ntsc, Spec(60), media.Path("progress.mov"), progress);

        var reports = progress.Reports;
        Assert.NotEmpty(reports);
        var last = reports[^1];
        Assert.True(last.IsFinished);
        Assert.Equal(60, last.FramesDone);
        Assert.Equal(60, last.TotalFrames);
        Assert.Equal(1.0, last.Fraction);
        Assert.All(reports, r => Assert.InRange(r.Fraction!.Value, 0.0, 1.0));
    }

    [Fact]
    public async Task Conform_of_a_missing_input_names_the_path_with_the_tools_error_text()
    {
        var missing = media.Path("missing clip.mov");
        var output = media.Path("never.mov");

        var error = await Assert.ThrowsAsync<MediaException>(() => Conformer.ConformAsync(missing, Spec(12), output));

        Assert.Equal(MediaErrorKind.InputNotFound, error.Kind);
        Assert.Contains(missing, error.Message);
        Assert.Contains("No such file or directory", error.Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Conform_refuses_a_container_that_does_not_match_the_codec()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Conformer.ConformAsync(media.Ntsc, Spec(12) with { Codec = CodecProfile.H264Review }, media.Path("h264.mov")));

        Assert.Contains(".mp4", error.Message);
    }

    [Fact]
    public async Task Conform_refuses_to_overwrite_its_input()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Conformer.ConformAsync(media.Ntsc, Spec(12), media.Ntsc));
    }

    internal static async Task<RawFrame> FirstFrameAsync(string path, long index)
    {
        await foreach (var frame in RawFrameReader.ReadFramesAsync(path, index, 1, RawPixelFormat.Rgb24))
        {
            return frame;
        }
        throw new InvalidOperationException("no frame");
    }

    internal static double MeanAbsDifference(RawFrame a, RawFrame b)
    {
        long sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        }
        return (double)sum / a.Pixels.Length;
    }

    private static int Brightness(RawFrame frame, int x, int y)
    {
        var (r, g, b) = frame.GetPixel(x, y);
        return Math.Max(r, Math.Max(g, b));
    }
}
