using Editing.Media.Execution;
using Editing.Media.Frames;
using Editing.Media.Probe;
using Editing.Media.Tests.Support;

namespace Editing.Media.Tests.Frames;

public sealed class SeekFixture : TestFolder
{
    /// <summary>Frame n is R = 5n, G = 128, B = 255 − 5n: every frame of the 48 can be told apart.</summary>
    private const string Indexed = "color=c=black:size=128x72:rate=24000/1001,format=rgb24,geq=r='5*N':g='128':b='255-5*N'";

    public SeekFixture()
    {
        ProRes = Path("indexed-prores.mov");
        Ffmpeg.Run("-f", "lavfi", "-i", Indexed, "-frames:v", "48",
            "-c:v", "prores_ks", "-profile:v", "3", "-qscale:v", "2", "-pix_fmt", "yuv422p10le", ProRes);
        // Long GOP with B-frames (key frames every 12, open to reordering), near-lossless so the colours survive.
        H264 = Path("indexed-h264.mp4");
        Ffmpeg.Run("-f", "lavfi", "-i", Indexed, "-frames:v", "48",
            "-c:v", "libx264", "-g", "12", "-bf", "3", "-qp", "4", "-pix_fmt", "yuv420p", H264);
        H264Mkv = Path("indexed-h264.mkv");
        Ffmpeg.Run("-i", H264, "-c", "copy", H264Mkv);
        // Variable rate: frames 10.. come half a second late, so times no longer say which frame is which.
        Gapped = Path("indexed-gapped.mov");
        Ffmpeg.Run("-f", "lavfi", "-i", Indexed, "-vf", "trim=end_frame=48,setpts='(N+if(gte(N,10),12,0))*1001/24000/TB'",
            "-fps_mode", "passthrough", "-c:v", "prores_ks", "-profile:v", "3", "-qscale:v", "2", "-pix_fmt", "yuv422p10le", Gapped);
    }

    public string ProRes { get; }

    public string H264 { get; }

    public string H264Mkv { get; }

    public string Gapped { get; }

    public string Clip(string kind) => kind switch
    {
        "prores" => ProRes,
        "h264" => H264,
        "h264-mkv" => H264Mkv,
        _ => Gapped,
    };
}

public sealed class FrameSeekTests(SeekFixture media) : IClassFixture<SeekFixture>
{
    public static TheoryData<string, long> Positions()
    {
        var data = new TheoryData<string, long>();
        foreach (var kind in new[] { "prores", "h264", "h264-mkv", "gapped" })
        {
            foreach (var frame in new long[] { 0, 1, 11, 12, 13, 24, 30, 35, 46, 47 })
            {
                data.Add(kind, frame);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Positions))]
    public async Task Extract_gives_the_exact_frame_at_any_position(string kind, long frame)
    {
        var png = media.Path($"{kind}-{frame}.png");

        await FrameExtractor.ExtractFrameAsync(media.Clip(kind), frame, png);

        var image = await RawFrameReader.ReadImageAsync(png, RawPixelFormat.Rgb24);
        Assert.Equal(5 * frame, Ffmpeg.CentreMean(image, 0), 2.0);
        Assert.Equal(255 - (5 * frame), Ffmpeg.CentreMean(image, 2), 2.0);
    }

    [Theory]
    [MemberData(nameof(Positions))]
    public async Task Read_frames_starts_at_the_exact_frame_at_any_position(string kind, long first)
    {
        var count = (int)Math.Min(3, 48 - first);
        var frames = new List<RawFrame>();

        await foreach (var frame in RawFrameReader.ReadFramesAsync(media.Clip(kind), first, count, RawPixelFormat.Rgb24))
        {
            frames.Add(frame);
        }

        Assert.Equal(count, frames.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(5 * (first + i), Ffmpeg.CentreMean(frames[i], 0), 2.0);
        }
    }

    [Theory]
    [InlineData("prores")]
    [InlineData("h264")]
    public async Task The_last_frame_is_reached_by_one_seeking_decode(string kind)
    {
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;
        var png = media.Path($"{kind}-last-seek.png");

        var index = await FrameExtractor.ExtractLastFrameAsync(media.Clip(kind), png);
        FfmpegProcess.Recorder.Value = null;

        Assert.Equal(47, index);
        var ffmpeg = Assert.Single(runs, r => r.ToolName == "ffmpeg");
        Assert.Contains("-ss", ffmpeg.Arguments);
        var image = await RawFrameReader.ReadImageAsync(png, RawPixelFormat.Rgb24);
        Assert.Equal(235, Ffmpeg.CentreMean(image, 0), 2.0);
    }

    [Fact]
    public async Task Reading_from_a_late_frame_seeks_in_one_decode()
    {
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;
        var reds = new List<double>();

        await foreach (var frame in RawFrameReader.ReadFramesAsync(media.ProRes, 40, 8, RawPixelFormat.Rgb48))
        {
            reds.Add(Ffmpeg.CentreMean(frame, 0) / 257);
        }
        FfmpegProcess.Recorder.Value = null;

        Assert.Equal(Enumerable.Range(40, 8).Select(n => 5.0 * n), reds, (a, b) => Math.Abs(a - b) < 2.0);
        var ffmpeg = Assert.Single(runs, r => r.ToolName == "ffmpeg");
        Assert.Contains("-ss", ffmpeg.Arguments);
    }

    [Fact]
    public async Task A_stream_whose_times_do_not_follow_its_rate_is_not_sought()
    {
        var gapped = await MediaProbe.ProbeAsync(media.Gapped);
        var regular = await MediaProbe.ProbeAsync(media.ProRes);

        Assert.Null(FrameSeek.Plan(gapped, 30));
        Assert.NotNull(FrameSeek.Plan(regular, 30));
        Assert.Null(FrameSeek.Plan(regular, 0));
    }

    [Fact]
    public async Task Long_gop_seeks_start_a_second_early()
    {
        var h264 = await MediaProbe.ProbeAsync(media.H264);
        var prores = await MediaProbe.ProbeAsync(media.ProRes);

        // Frame 40 at 24000/1001 is at 1.668333 s; half a frame (0.020854 s) before is 1.647479 s.
        Assert.Equal("1.647479", FrameSeek.Plan(prores, 40)!.SeekSeconds);
        Assert.Equal("0.647479", FrameSeek.Plan(h264, 40)!.SeekSeconds);
        Assert.Null(FrameSeek.Plan(h264, 20));
    }

    [Fact]
    public async Task Past_the_end_is_still_out_of_range_after_a_seek()
    {
        var png = media.Path("beyond-seek.png");

        var error = await Assert.ThrowsAsync<MediaException>(() => FrameExtractor.ExtractFrameAsync(media.ProRes, 48, png));

        Assert.Equal(MediaErrorKind.OutOfRange, error.Kind);
        Assert.False(File.Exists(png));
    }

    [Fact]
    public async Task Thumbnails_seek_too()
    {
        var png = media.Path("thumb-44.png");

        await Thumbnails.ThumbnailAsync(media.H264, 44, 64, png);

        var image = await RawFrameReader.ReadImageAsync(png, RawPixelFormat.Rgb24);
        Assert.Equal((64, 36), (image.Width, image.Height));
        // Thumbnails convert without accurate rounding: frame 44 reads 217 (43 reads 212, 45 reads 222).
        Assert.Equal(217, Ffmpeg.CentreMean(image, 0), 2.0);
    }
}
