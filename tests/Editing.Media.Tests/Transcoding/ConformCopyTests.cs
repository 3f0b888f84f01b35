using Editing.Media.Audio;
using Editing.Media.Execution;
using Editing.Media.Frames;
using Editing.Media.Probe;
using Editing.Media.Tests.Support;
using Editing.Media.Transcoding;

namespace Editing.Media.Tests.Transcoding;

public sealed class ConformCopyFixture : TestFolder
{
    public ConformCopyFixture()
    {
        // What a provider hands back: 24 frames from RawVideoWriter, ProRes 422 HQ, BT.709 tags, square pixels.
        Written = Path("written.mov");
        Task.Run(async () =>
        {
            await using var writer = RawVideoWriter.Create(Written, Delivery, new FrameSize(320, 180), RawPixelFormat.Rgb48);
            for (var i = 0; i < 24; i++)
            {
                await writer.WriteFrameAsync(RawFrame.Solid(320, 180, RawPixelFormat.Rgb48, i * 2000, 30000, 65535 - (i * 2000)));
            }
            await writer.CompleteAsync();
        }).GetAwaiter().GetResult();
        Tone = Path("tone.wav");
        Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-af", "atrim=end_sample=40000,pan=stereo|c0=c0|c1=c0", "-c:a", "pcm_s24le", Tone);
        Untagged = Ffmpeg.MakeClip(Path("untagged.mov"), frames: 24);
    }

    public static EncodeSpec Delivery { get; } = new()
    {
        Rate = FrameRate.Fps23_976,
        Width = 320,
        Height = 180,
        Codec = CodecProfile.ProRes422HQ,
        StartTimecode = "01:00:00:00",
    };

    /// <summary>RawVideoWriter's output: 24 frames, 320x180, 23.976, ProRes 422 HQ, TC 01:00:00:00, no audio.</summary>
    public string Written { get; }

    /// <summary>40000 samples of 48 kHz stereo.</summary>
    public string Tone { get; }

    /// <summary>An ffmpeg ProRes 422 HQ clip of the same shape without colour tags.</summary>
    public string Untagged { get; }
}

public sealed class ConformCopyTests(ConformCopyFixture media) : IClassFixture<ConformCopyFixture>
{
    private static ConformSpec Spec(long frames = 24) => new()
    {
        Rate = FrameRate.Fps23_976,
        Width = 320,
        Height = 180,
        FrameCount = frames,
        Codec = CodecProfile.ProRes422HQ,
        StartTimecode = "07:00:00:00",
    };

    [Fact]
    public async Task A_writer_output_is_already_conformed_to_its_own_shape()
    {
        var info = await MediaProbe.ProbeAsync(media.Written);

        Assert.True(Conformer.IsConformed(info, Spec()));
        Assert.True(Conformer.IsConformed(info, Spec() with { Audio = new AudioSpec(), StartTimecode = null }));
    }

    [Fact]
    public async Task Anything_that_differs_from_the_spec_is_not_conformed()
    {
        var info = await MediaProbe.ProbeAsync(media.Written);

        Assert.False(Conformer.IsConformed(info, Spec(25)));
        Assert.False(Conformer.IsConformed(info, Spec() with { Width = 640, Height = 360 }));
        Assert.False(Conformer.IsConformed(info, Spec() with { Rate = FrameRate.Fps24 }));
        Assert.False(Conformer.IsConformed(info, Spec() with { Codec = CodecProfile.ProRes422 }));
        Assert.False(Conformer.IsConformed(info, Spec() with { Codec = CodecProfile.DnxhrHQ }));
        Assert.False(Conformer.IsConformed(info, Spec() with { Codec = CodecProfile.H264Review }));
        Assert.False(Conformer.IsConformed(info, Spec() with { PixelFormat = "yuv444p10le" }));
        Assert.False(Conformer.IsConformed(info, Spec() with { BurnInTimecode = true }));
        Assert.False(Conformer.IsConformed(info, Spec() with { Overlays = [new TextOverlay { Text = "v001" }] }));
        Assert.False(Conformer.IsConformed(await MediaProbe.ProbeAsync(media.Untagged), Spec()), "no BT.709 tags");
    }

    [Fact]
    public async Task Conforming_a_conformed_input_copies_its_video_and_stamps_the_timecode_and_audio()
    {
        var output = media.Path("copied.mov");
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;

        var result = await Conformer.ConformAsync(media.Written, Spec() with { Audio = new AudioSpec() }, output);
        FfmpegProcess.Recorder.Value = null;

        var ffmpeg = Assert.Single(runs, r => r.ToolName == "ffmpeg");
        Assert.Contains("copy", ffmpeg.Arguments);
        Assert.Equal(Ffmpeg.VideoPacketHashes(media.Written), Ffmpeg.VideoPacketHashes(output));
        var info = await MediaProbe.ProbeAsync(output);
        Assert.Equal(info, result);
        Assert.Equal(("07:00:00:00", 24L, "prores", "HQ"), (info.Video!.StartTimecode, info.Video.FrameCount, info.Video.Codec, info.Video.Profile));
        var audio = Assert.Single(info.Audio);
        Assert.Equal(("pcm_s24le", 48048L), (audio.Codec, audio.SampleCount));
        Assert.All(Ffmpeg.ReadPcm16(output), s => Assert.Equal(0, s));
    }

    [Fact]
    public async Task The_copy_keeps_the_sources_audio_cut_to_the_exact_length()
    {
        var muxed = media.Path("with-tone.mov");
        await AudioOps.MuxAsync(media.Written, media.Tone, AudioFormat.Stereo48k, muxed);
        var output = media.Path("with-tone-conformed.mov");

        await Conformer.ConformAsync(muxed, Spec() with { Audio = new AudioSpec { SampleCount = 30000 } }, output);

        var info = await MediaProbe.ProbeAsync(output);
        Assert.Equal(30000, info.Audio[0].SampleCount);
        Assert.Equal(Ffmpeg.ReadPcm16(muxed).Take(60000), Ffmpeg.ReadPcm16(output));
        Assert.Equal(Ffmpeg.VideoPacketHashes(media.Written), Ffmpeg.VideoPacketHashes(output));
    }

    [Fact]
    public async Task The_copy_is_deterministic()
    {
        var first = media.Path("copy-1.mov");
        var second = media.Path("copy-2.mov");

        await Conformer.ConformAsync(media.Written, Spec() with { Audio = new AudioSpec() }, first);
        await Conformer.ConformAsync(media.Written, Spec() with { Audio = new AudioSpec() }, second);

        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
    }

    [Fact]
    public async Task An_input_that_does_not_match_is_encoded_again()
    {
        var output = media.Path("padded.mov");
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;

        await Conformer.ConformAsync(media.Written, Spec(30), output);
        FfmpegProcess.Recorder.Value = null;

        var ffmpeg = Assert.Single(runs, r => r.ToolName == "ffmpeg");
        Assert.Contains("prores_ks", ffmpeg.Arguments);
        Assert.DoesNotContain("copy", ffmpeg.Arguments);
        Assert.Equal(30, (await MediaProbe.ProbeAsync(output)).Video!.FrameCount);
    }

    [Fact]
    public async Task Conform_then_mux_with_a_timecode_give_the_writers_frames_unchanged()
    {
        var conformed = media.Path("conformed-video.mov");
        var final = media.Path("final.mov");

        await Conformer.ConformAsync(media.Written, Spec(), conformed);
        var info = await AudioOps.MuxAsync(conformed, media.Tone, AudioFormat.Stereo48k, final, "07:00:00:12");

        Assert.Equal(("07:00:00:12", 24L, 48048L), (info.Video!.StartTimecode, info.Video.FrameCount, info.Audio[0].SampleCount));
        Assert.Equal(Ffmpeg.VideoPacketHashes(media.Written), Ffmpeg.VideoPacketHashes(final));
    }
}
