using Editing.Media.Probe;
using Editing.Media.Tests.Support;

namespace Editing.Media.Tests.Probe;

public sealed class ProbeFixture : TestFolder
{
    public ProbeFixture()
    {
        Clip = Ffmpeg.MakeClip(Path("clipA.mov"), frames: 48, timecode: "01:00:00:00", audioSamples: 96096);
        Matroska = Path("clip.mkv");
        Ffmpeg.Run("-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25", "-frames:v", "30", "-c:v", "ffv1", Matroska);
        Wave = Path("tone.wav");
        Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-af", "atrim=end_sample=12345", "-ac", "1", "-c:a", "pcm_s16le", Wave);
        Garbage = Path("not media.mov");
        File.WriteAllText(Garbage, "this is not a movie");
    }

    public string Clip { get; }

    public string Matroska { get; }

    public string Wave { get; }

    public string Garbage { get; }
}

public sealed class ProbeTests(ProbeFixture media) : IClassFixture<ProbeFixture>
{
    [Fact]
    public async Task Probe_reads_the_exact_NTSC_rate_and_frame_count()
    {
        var info = await MediaProbe.ProbeAsync(media.Clip);

        var video = Assert.IsType<VideoStreamInfo>(info.Video);
        Assert.Equal(FrameRate.Fps23_976, video.FrameRate);
        Assert.Equal("24000/1001", video.FrameRate.ToString());
        Assert.Equal(48, video.FrameCount);
        Assert.Equal("prores", video.Codec);
        Assert.Equal("HQ", video.Profile);
        Assert.Equal((320, 180), (video.Width, video.Height));
        Assert.Equal("yuv422p10le", video.PixelFormat);
        Assert.Contains("mov", info.FormatName);
        Assert.Equal(2_002_000, info.DurationMicroseconds);
    }

    [Fact]
    public async Task Probe_reads_the_start_timecode_from_the_stream_tags()
    {
        var info = await MediaProbe.ProbeAsync(media.Clip);

        Assert.Equal("01:00:00:00", info.Video!.StartTimecode);
    }

    [Fact]
    public async Task Probe_reads_audio_sample_count_layout_and_depth()
    {
        var info = await MediaProbe.ProbeAsync(media.Clip);

        var audio = Assert.Single(info.Audio);
        Assert.Equal("pcm_s24le", audio.Codec);
        Assert.Equal(48000, audio.SampleRate);
        Assert.Equal(2, audio.Channels);
        Assert.Equal("stereo", audio.ChannelLayout);
        Assert.Equal(96096, audio.SampleCount);
        Assert.Equal(24, audio.BitsPerSample);
    }

    [Fact]
    public async Task Probe_counts_frames_when_the_container_does_not_store_them()
    {
        var info = await MediaProbe.ProbeAsync(media.Matroska);

        Assert.Equal(30, info.Video!.FrameCount);
        Assert.Equal(FrameRate.Fps25, info.Video.FrameRate);
        Assert.Null(info.Video.StartTimecode);
        Assert.Empty(info.Audio);
    }

    [Fact]
    public async Task Probe_reads_an_audio_only_wave_file()
    {
        var info = await MediaProbe.ProbeAsync(media.Wave);

        Assert.Null(info.Video);
        var audio = Assert.Single(info.Audio);
        Assert.Equal(12345, audio.SampleCount);
        Assert.Equal(44100, audio.SampleRate);
        Assert.Equal(1, audio.Channels);
        Assert.Equal(16, audio.BitsPerSample);
    }

    [Fact]
    public async Task Probe_of_a_missing_file_names_it_with_ffprobes_words()
    {
        var missing = media.Path("no such clip.mov");

        var error = await Assert.ThrowsAsync<MediaException>(() => MediaProbe.ProbeAsync(missing));

        Assert.Equal(MediaErrorKind.InputNotFound, error.Kind);
        Assert.Equal(missing, error.Path);
        Assert.Contains(missing, error.Message);
        Assert.Contains("No such file or directory", error.Message);
        Assert.Contains("No such file or directory", error.ToolOutput);
        Assert.Contains("ffprobe", error.CommandLine);
    }

    [Fact]
    public async Task Probe_of_a_non_media_file_is_invalid_media()
    {
        var error = await Assert.ThrowsAsync<MediaException>(() => MediaProbe.ProbeAsync(media.Garbage));

        Assert.Equal(MediaErrorKind.InvalidMedia, error.Kind);
        Assert.Contains(media.Garbage, error.Message);
    }
}
