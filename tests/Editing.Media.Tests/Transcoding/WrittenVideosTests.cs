using Editing.Media.Audio;
using Editing.Media.Execution;
using Editing.Media.Frames;
using Editing.Media.Probe;
using Editing.Media.Tests.Support;
using Editing.Media.Transcoding;

namespace Editing.Media.Tests.Transcoding;

/// <summary>
/// A video this process wrote is judged and muxed from what it was written with, without ffprobe, and the judgement
/// is the one a probe gives.
/// </summary>
public sealed class WrittenVideosTests(TestFolder folder) : IClassFixture<TestFolder>
{
    private static readonly EncodeSpec Written = new()
    {
        Rate = FrameRate.Fps23_976,
        Width = 320,
        Height = 180,
        Codec = CodecProfile.ProRes422HQ,
        StartTimecode = "01:00:00:00",
    };

    public static TheoryData<string> Variants() => ["same", "codec", "size", "rate", "frames", "overlay", "burn-in", "ffv1-file", "lt-file"];

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Judging_a_written_video_from_its_spec_agrees_with_its_probe(string variant)
    {
        var written = variant switch
        {
            "ffv1-file" => Written with { Codec = CodecProfile.Ffv1 },
            "lt-file" => Written with { Codec = CodecProfile.ProRes422LT },
            _ => Written,
        };
        var path = folder.Path($"judged-{variant}.mov");
        await WriteAsync(path, written, 6);
        var spec = new ConformSpec
        {
            Rate = variant == "rate" ? FrameRate.Fps25 : written.Rate,
            Width = variant == "size" ? 640 : 320,
            Height = variant == "size" ? 360 : 180,
            Codec = variant == "codec" ? CodecProfile.DnxhrSQ : written.Codec,
            FrameCount = variant == "frames" ? 7 : 6,
            StartTimecode = "02:00:00:00",
            BurnInTimecode = variant == "burn-in",
            Overlays = variant == "overlay" ? [new TextOverlay { Text = "x" }] : [],
        };
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;

        var fromSpec = await Conformer.IsConformedAsync(path, spec);
        FfmpegProcess.Recorder.Value = null;

        Assert.Empty(runs);
        Assert.Equal(Conformer.IsConformed(await MediaProbe.ProbeUncachedAsync(path, CancellationToken.None), spec), fromSpec);
        Assert.Equal(variant is "same" or "lt-file", fromSpec);
    }

    [Fact]
    public async Task A_written_video_is_checked_and_muxed_with_audio_without_any_ffprobe_run()
    {
        var video = folder.Path("muxed-source.mov");
        var audio = folder.Path("muxed-source.wav");
        AudioOps.WriteWave(audio, new float[2 * 2002 * 6], AudioFormat.Stereo48k);
        var output = folder.Path("muxed-delivered.mov");
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;

        await WriteAsync(video, Written, 6);
        await AudioOps.MuxAndVerifyAsync(video, audio, AudioFormat.Stereo48k, output, "01:00:10:00");
        FfmpegProcess.Recorder.Value = null;

        Assert.DoesNotContain(runs, r => r.ToolName == "ffprobe");
        var probed = await MediaProbe.ProbeUncachedAsync(output, CancellationToken.None);
        Assert.Equal((6L, 12012L, "01:00:10:00"), (probed.Video!.FrameCount, probed.Audio[0].SampleCount, probed.Video.StartTimecode));
    }

    [Fact]
    public async Task A_changed_file_is_probed_again()
    {
        var path = folder.Path("changed.mov");
        await WriteAsync(path, Written, 6);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-5));
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;

        await Conformer.IsConformedAsync(path, new ConformSpec { Rate = Written.Rate, Width = 320, Height = 180, FrameCount = 6 });
        FfmpegProcess.Recorder.Value = null;

        Assert.Contains(runs, r => r.ToolName == "ffprobe");
    }

    private static async Task WriteAsync(string path, EncodeSpec spec, int frames)
    {
        await using var writer = RawVideoWriter.Create(path, spec, new FrameSize(320, 180), RawPixelFormat.Rgb48);
        for (var i = 0; i < frames; i++)
        {
            await writer.WriteFrameAsync(RawFrame.Solid(320, 180, RawPixelFormat.Rgb48, i * 4000, 30000, 60000 - (i * 4000)));
        }
        await writer.CompleteAndVerifyAsync();
    }
}
