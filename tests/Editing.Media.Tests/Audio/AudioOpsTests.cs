using Editing.Media.Audio;
using Editing.Media.Probe;
using Editing.Media.Tests.Support;
using Editing.Media.Transcoding;

namespace Editing.Media.Tests.Audio;

public sealed class AudioFixture : TestFolder
{
    public AudioFixture()
    {
        // 220 Hz for 48055 samples: it ends a quarter period past a whole cycle, near a peak, where a cut to
        // silence would click.
        Sine = Path("sine220.wav");
        Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=220:sample_rate=48000", "-af", "atrim=end_sample=48055,pan=stereo|c0=c0|c1=c0", "-c:a", "pcm_s24le", Sine);
        Mono44 = Path("mono44.wav");
        Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100", "-af", "atrim=end_sample=44100", "-c:a", "pcm_s16le", Mono44);
        Video = Ffmpeg.MakeClip(Path("picture.mov"), frames: 24, timecode: "03:00:00:00");
    }

    public string Sine { get; }

    public string Mono44 { get; }

    public string Video { get; }
}

public sealed class AudioOpsTests(AudioFixture media) : IClassFixture<AudioFixture>
{
    private static readonly AudioFormat Stereo = AudioFormat.Stereo48k;

    [Fact]
    public async Task Extend_with_room_tone_adds_exact_samples_without_a_click_at_the_join()
    {
        var output = media.Path("extended-roomtone.wav");

        var info = await AudioOps.ExtendAsync(media.Sine, 24024, AudioFill.RoomTone, Stereo, output);

        Assert.Equal(48055 + 24024, info.Audio[0].SampleCount);
        var samples = Left(Ffmpeg.ReadPcm16(output));
        Assert.Equal(72079, samples.Length);
        var sourceStep = MaxStep(samples, 1, 48055);
        var joinStep = MaxStep(samples, 48055 - 200, 48055 + 4800);
        Assert.True(joinStep <= sourceStep * 1.5, $"step at the join {joinStep} vs. largest step in the source {sourceStep}");
        Assert.True(Rms(samples, 48055 + 4800, 72079) > Rms(samples, 0, 48055) * 0.3, "the extension carries the source's tone, not silence");
    }

    [Fact]
    public async Task Extend_with_silence_adds_exact_samples_of_zero_and_that_join_would_click()
    {
        var output = media.Path("extended-silence.wav");

        var info = await AudioOps.ExtendAsync(media.Sine, 1000, AudioFill.Silence, Stereo, output);

        Assert.Equal(49055, info.Audio[0].SampleCount);
        var samples = Left(Ffmpeg.ReadPcm16(output));
        Assert.All(samples[48055..], s => Assert.Equal(0, s));
        // The click check above is meaningful: a cut to silence here jumps far more than the source ever steps.
        Assert.True(MaxStep(samples, 48050, 48060) > MaxStep(samples, 1, 48055) * 5);
    }

    [Fact]
    public async Task Extend_resamples_to_the_requested_rate_and_channels()
    {
        var output = media.Path("extended-44k.mov");

        var info = await AudioOps.ExtendAsync(media.Mono44, 2002, AudioFill.RoomTone, Stereo, output);

        var audio = Assert.Single(info.Audio);
        Assert.Equal((48000, 2, 48000L + 2002, "pcm_s24le"), (audio.SampleRate, audio.Channels, audio.SampleCount, audio.Codec));
    }

    [Fact]
    public async Task Fill_gap_writes_exactly_N_samples_of_silence()
    {
        var output = media.Path("gap-silence.wav");

        var info = await AudioOps.FillGapAsync(12345, new AudioFormat(48000, 1), output);

        Assert.Equal(12345, info.Audio[0].SampleCount);
        Assert.All(Ffmpeg.ReadPcm16(output), s => Assert.Equal(0, s));
    }

    [Fact]
    public async Task Fill_gap_with_room_tone_writes_exactly_N_samples_of_the_sources_tone()
    {
        var output = media.Path("gap-tone.wav");

        var info = await AudioOps.FillGapAsync(24024, Stereo, output, roomToneSource: media.Sine);

        Assert.Equal(24024, info.Audio[0].SampleCount);
        var samples = Left(Ffmpeg.ReadPcm16(output));
        Assert.True(Rms(samples, 0, samples.Length) > 1000);
        Assert.True(MaxStep(samples, 1, samples.Length) <= MaxStep(Left(Ffmpeg.ReadPcm16(media.Sine)), 1, 48055) * 1.5);
    }

    [Fact]
    public async Task Crossfade_overlaps_by_exactly_the_requested_samples()
    {
        var output = media.Path("crossfade.wav");

        var info = await AudioOps.CrossfadeAsync(media.Sine, media.Mono44, 4800, Stereo, output);

        Assert.Equal(48055 + 48000 - 4800, info.Audio[0].SampleCount);
    }

    [Fact]
    public async Task Crossfade_longer_than_a_clip_is_out_of_range()
    {
        var error = await Assert.ThrowsAsync<MediaException>(() => AudioOps.CrossfadeAsync(media.Sine, media.Mono44, 60000, Stereo, media.Path("never.wav")));

        Assert.Equal(MediaErrorKind.OutOfRange, error.Kind);
    }

    [Fact]
    public async Task Read_samples_returns_interleaved_floats_of_the_requested_range()
    {
        var samples = await AudioOps.ReadSamplesAsync(media.Sine, Stereo, startSample: 1000, sampleCount: 480);

        Assert.Equal(960, samples.Length);
        Assert.InRange(samples.Max(), 0.1f, 0.13f);
        Assert.Equal(samples[0], samples[1]);
    }

    [Fact]
    public async Task Mux_puts_audio_beside_the_video_cut_to_its_exact_length()
    {
        var output = media.Path("muxed.mov");

        var info = await AudioOps.MuxAsync(media.Video, media.Sine, Stereo, output);

        Assert.Equal(24, info.Video!.FrameCount);
        Assert.Equal(48048, info.Audio[0].SampleCount);
        Assert.Equal("03:00:00:00", info.Video.StartTimecode);
        Assert.Equal("prores", info.Video.Codec);
    }

    [Fact]
    public async Task Room_tone_in_memory_is_what_extend_appends()
    {
        var output = media.Path("extended-for-compare.wav");
        await AudioOps.ExtendAsync(media.Sine, 4800, AudioFill.RoomTone, Stereo, output);
        var appended = await AudioOps.ReadSamplesAsync(output, Stereo, 48055, 4800);
        var source = await AudioOps.ReadSamplesAsync(media.Sine, Stereo);

        var tone = AudioOps.ContinueWithRoomTone(source, Stereo, 4800);

        Assert.Equal(9600, tone.Length);
        Assert.Equal(appended.Length, tone.Length);
        // ExtendAsync stores 24-bit PCM: equal to within its quantisation.
        Assert.All(Enumerable.Range(0, tone.Length), i => Assert.Equal(appended[i], tone[i], 1e-6f));
        Assert.All(AudioOps.ContinueWithRoomTone([], Stereo, 10), v => Assert.Equal(0f, v));
    }

    [Fact]
    public async Task Mux_can_stamp_another_start_timecode_in_the_same_copy_pass()
    {
        var output = media.Path("muxed-tc.mov");

        var info = await AudioOps.MuxAsync(media.Video, media.Sine, Stereo, output, "01:02:03:04");

        Assert.Equal("01:02:03:04", info.Video!.StartTimecode);
        Assert.Equal("01:02:03:04", (await MediaProbe.ProbeAsync(output)).Video!.StartTimecode);
        Assert.Equal((24L, 48048L), (info.Video.FrameCount, info.Audio[0].SampleCount));
        Assert.Equal(Ffmpeg.VideoPacketHashes(media.Video), Ffmpeg.VideoPacketHashes(output));
    }

    [Fact]
    public async Task Mux_and_verify_checks_the_counts_from_the_track_tables_without_ffprobe()
    {
        var output = media.Path("muxed-verified.mov");
        await MediaProbe.ProbeAsync(media.Video);
        await MediaProbe.ProbeAsync(media.Sine);
        var runs = new List<Editing.Media.Execution.ToolInvocation>();
        Editing.Media.Execution.FfmpegProcess.Recorder.Value = runs;

        await AudioOps.MuxAndVerifyAsync(media.Video, media.Sine, Stereo, output, "01:02:03:04");
        Editing.Media.Execution.FfmpegProcess.Recorder.Value = null;

        Assert.Equal(["ffmpeg"], runs.Select(r => r.ToolName));
        var probed = await MediaProbe.ProbeUncachedAsync(output, CancellationToken.None);
        Assert.Equal((24L, 48048L, "01:02:03:04"), (probed.Video!.FrameCount, probed.Audio[0].SampleCount, probed.Video.StartTimecode));
        var tracks = MovTracks.Read(output)!;
        Assert.Equal(24u, tracks.Single(t => t.Handler == "vide").SampleCount);
        Assert.Equal(48048ul, tracks.Single(t => t.Handler == "soun").Duration);
    }

    [Fact]
    public void Track_verification_names_a_frame_count_that_differs_and_leaves_other_files_to_ffprobe()
    {
        using var temp = Editing.Media.Execution.TempOutput.For(media.Path("verify-me.mov"));
        File.Copy(media.Video, temp.TempPath);

        Assert.True(EncodeGraph.VerifyTracks(temp, 24, null, 48000));
        var error = Assert.Throws<MediaException>(() => EncodeGraph.VerifyTracks(temp, 25, null, 48000));
        Assert.Equal(MediaErrorKind.VerificationFailed, error.Kind);
        Assert.Contains("24 frame(s), not the 25", error.Message);
        Assert.Null(MovTracks.Read(media.Sine));
        using var wave = Editing.Media.Execution.TempOutput.For(media.Path("verify-me.wav"));
        File.Copy(media.Sine, wave.TempPath);
        Assert.False(EncodeGraph.VerifyTracks(wave, 0, 48048, 48000));
    }

    [Fact]
    public void A_truncated_movie_is_not_read_as_one()
    {
        var bytes = File.ReadAllBytes(media.Video);
        var truncated = media.Path("truncated.mov");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length - 100)]);

        Assert.Null(MovTracks.Read(truncated));
    }

    [Fact]
    public async Task Mux_refuses_a_timecode_the_videos_rate_cannot_have()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => AudioOps.MuxAsync(media.Video, media.Sine, Stereo, media.Path("bad-tc.mov"), "01:00:00:24"));

        Assert.Equal("startTimecode", error.ParamName);
        Assert.False(File.Exists(media.Path("bad-tc.mov")));
    }

    [Fact]
    public async Task Audio_outputs_refuse_containers_that_cannot_hold_pcm()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => AudioOps.FillGapAsync(100, Stereo, media.Path("gap.mp3")));
    }

    private static short[] Left(short[] interleaved)
    {
        var left = new short[interleaved.Length / 2];
        for (var i = 0; i < left.Length; i++)
        {
            left[i] = interleaved[2 * i];
        }
        return left;
    }

    private static int MaxStep(short[] samples, int from, int to)
    {
        var max = 0;
        for (var i = Math.Max(1, from); i < Math.Min(to, samples.Length); i++)
        {
            max = Math.Max(max, Math.Abs(samples[i] - samples[i - 1]));
        }
        return max;
    }

    private static double Rms(short[] samples, int from, int to)
    {
        double sum = 0;
        for (var i = from; i < to; i++)
        {
            sum += (double)samples[i] * samples[i];
        }
        return Math.Sqrt(sum / Math.Max(1, to - from));
    }
}
