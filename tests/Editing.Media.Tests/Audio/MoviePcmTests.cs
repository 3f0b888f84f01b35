using Editing.Media.Audio;
using Editing.Media.Execution;
using Editing.Media.Tests.Support;

namespace Editing.Media.Tests.Audio;

/// <summary>
/// Reading uncompressed PCM from a movie without ffmpeg gives exactly the floats ffmpeg gives, for every PCM layout
/// ffmpeg writes to QuickTime, and leaves everything else to ffmpeg.
/// </summary>
public sealed class MoviePcmTests(TestFolder folder) : IClassFixture<TestFolder>
{
    public static TheoryData<string, int> Codecs() => new()
    {
        { "pcm_s24le", 2 },
        { "pcm_s24be", 2 },
        { "pcm_s16le", 2 },
        { "pcm_s16be", 1 },
        { "pcm_s32le", 2 },
        { "pcm_f32le", 1 },
        { "pcm_f32be", 2 },
        { "pcm_f64le", 2 },
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task Pcm_read_from_the_movie_equals_what_ffmpeg_decodes(string codec, int channels)
    {
        var path = folder.Path($"pcm-{codec}-{channels}.mov");
        Ffmpeg.Run(
            "-f", "lavfi", "-i", "testsrc2=size=64x36:rate=24000/1001",
            "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.6:sample_rate=48000:seed=3",
            "-filter_complex", $"[1:a]atrim=end_sample=96096,pan={(channels == 1 ? "mono|c0=c0" : "stereo|c0=c0|c1=0.5*c0")}[a]",
            "-map", "0:v", "-map", "[a]", "-frames:v", "48", "-c:v", "prores_ks", "-c:a", codec, path);
        var format = new AudioFormat(48000, channels);

        foreach (var (start, count) in new (long, long?)[] { (0, null), (0, 2002), (40040, 48048), (95000, 5000), (96096, 10), (200000, null) })
        {
            var runs = new List<ToolInvocation>();
            FfmpegProcess.Recorder.Value = runs;
            var direct = await AudioOps.ReadSamplesAsync(path, format, start, count);
            FfmpegProcess.Recorder.Value = null;
            var decoded = await ReadWithFfmpegAsync(path, format, start, count);

            Assert.DoesNotContain(runs, r => r.ToolName == "ffmpeg");
            Assert.Equal(decoded.Length, direct.Length);
            Assert.True(decoded.AsSpan().SequenceEqual(direct), $"{codec} from {start} for {count}: the values differ");
        }
    }

    [Fact]
    public async Task Another_rate_or_layout_and_other_containers_are_read_by_ffmpeg()
    {
        var path = folder.Path("pcm-44k.mov");
        Ffmpeg.Run("-f", "lavfi", "-i", "sine=sample_rate=44100", "-t", "0.5", "-ac", "2", "-c:a", "pcm_s24le", path);
        var wave = folder.Path("pcm.wav");
        Ffmpeg.Run("-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "0.5", "-ac", "2", "-c:a", "pcm_s24le", wave);
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;

        var resampled = await AudioOps.ReadSamplesAsync(path, AudioFormat.Stereo48k, 0, 1000);
        var fromWave = await AudioOps.ReadSamplesAsync(wave, AudioFormat.Stereo48k, 0, 1000);
        FfmpegProcess.Recorder.Value = null;

        Assert.Equal(2, runs.Count(r => r.ToolName == "ffmpeg"));
        Assert.Equal(2000, resampled.Length);
        Assert.Equal(2000, fromWave.Length);
    }

    private static async Task<float[]> ReadWithFfmpegAsync(string path, AudioFormat format, long start, long? count)
    {
        AudioOps.AlwaysDecode.Value = true;
        try
        {
            return await AudioOps.ReadSamplesAsync(path, format, start, count);
        }
        finally
        {
            AudioOps.AlwaysDecode.Value = false;
        }
    }
}
