using Editing.Media.Execution;
using Editing.Media.Frames;
using Editing.Media.Tests.Support;

namespace Editing.Media.Tests.Frames;

/// <summary>
/// An edge frame written as PNG decodes the frame before it too, and the read of those two frames that usually
/// follows (an extension estimating motion) gets them without a second decode.
/// </summary>
public sealed class DecodedFramesTests(TestFolder folder) : IClassFixture<TestFolder>
{
    [Fact]
    public async Task Reading_the_two_frames_at_an_extracted_edge_runs_no_second_decode_and_gives_the_same_pixels()
    {
        var clip = Ffmpeg.MakeClip(folder.Path("edge.mov"), frames: 24);
        var fresh = await ReadAsync(clip, 22, 2);
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;

        await FrameExtractor.ExtractFrameAsync(clip, 23, folder.Path("edge-last.png"));
        var read = await ReadAsync(clip, 22, 2);
        FfmpegProcess.Recorder.Value = null;

        Assert.Single(runs, r => r.ToolName == "ffmpeg");
        Assert.Equal(fresh.Select(f => f.Pixels), read.Select(f => f.Pixels));
    }

    [Fact]
    public async Task The_managed_png_holds_the_decoded_frame_losslessly()
    {
        var clip = Ffmpeg.MakeClip(folder.Path("png.mov"), frames: 12);
        var png = folder.Path("png-7.png");

        await FrameExtractor.ExtractFrameAsync(clip, 7, png);

        var decoded = (await ReadAsync(clip, 7, 1)).Single();
        var image = await RawFrameReader.ReadImageAsync(png, RawPixelFormat.Rgb48);
        Assert.Equal((decoded.Width, decoded.Height), (image.Width, image.Height));
        Assert.Equal(decoded.Pixels, image.Pixels);
        Assert.Empty(Directory.GetFiles(folder.Root, ".png-7*"));
    }

    [Fact]
    public async Task A_file_replaced_after_the_extract_is_decoded_again()
    {
        var path = folder.Path("replaced.mov");
        Ffmpeg.MakeClip(path, frames: 12);
        await FrameExtractor.ExtractFrameAsync(path, 5, folder.Path("replaced-5.png"));

        var replacement = Ffmpeg.MakeClip(folder.Path("replacement.mov"), frames: 12, source: "smptebars");
        File.Move(replacement, path, overwrite: true);
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;
        var read = await ReadAsync(path, 4, 2);
        FfmpegProcess.Recorder.Value = null;

        Assert.Contains(runs, r => r.ToolName == "ffmpeg");
        Assert.Equal(2, read.Count);
    }

    [Fact]
    public async Task Frames_are_handed_out_once()
    {
        var clip = Ffmpeg.MakeClip(folder.Path("once.mov"), frames: 12);
        await FrameExtractor.ExtractFrameAsync(clip, 3, folder.Path("once-3.png"));
        var first = await ReadAsync(clip, 2, 2);
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;

        var second = await ReadAsync(clip, 2, 2);
        FfmpegProcess.Recorder.Value = null;

        Assert.Contains(runs, r => r.ToolName == "ffmpeg");
        Assert.NotSame(first[0].Pixels, second[0].Pixels);
        Assert.Equal(first[0].Pixels, second[0].Pixels);
    }

    private static async Task<List<RawFrame>> ReadAsync(string path, long first, int count)
    {
        var frames = new List<RawFrame>();
        await foreach (var frame in RawFrameReader.ReadFramesAsync(path, first, count, RawPixelFormat.Rgb48))
        {
            frames.Add(frame);
        }
        return frames;
    }
}
