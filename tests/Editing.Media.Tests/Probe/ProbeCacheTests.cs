using Editing.Media.Execution;
using Editing.Media.Frames;
using Editing.Media.Probe;
using Editing.Media.Tests.Support;
using Editing.Media.Transcoding;

namespace Editing.Media.Tests.Probe;

public sealed class ProbeCacheTests(TestFolder folder) : IClassFixture<TestFolder>
{
    [Fact]
    public async Task An_unchanged_file_is_probed_once()
    {
        var clip = Ffmpeg.MakeClip(folder.Path("once.mov"), frames: 6);
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;

        var first = await MediaProbe.ProbeAsync(clip);
        var second = await MediaProbe.ProbeAsync(clip);
        FfmpegProcess.Recorder.Value = null;

        Assert.Single(runs);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_rewritten_file_is_probed_again()
    {
        var path = folder.Path("rewritten.mov");
        Ffmpeg.MakeClip(path, frames: 6);
        Assert.Equal(6, (await MediaProbe.ProbeAsync(path)).Video!.FrameCount);

        var replacement = Ffmpeg.MakeClip(folder.Path("replacement.mov"), frames: 9);
        File.Move(replacement, path, overwrite: true);

        Assert.Equal(9, (await MediaProbe.ProbeAsync(path)).Video!.FrameCount);
    }

    [Fact]
    public async Task What_the_library_writes_is_known_without_a_probe()
    {
        var path = folder.Path("written.mov");
        var spec = new EncodeSpec { Rate = FrameRate.Fps25, Width = 64, Height = 36 };
        await using (var writer = RawVideoWriter.Create(path, spec, new FrameSize(64, 36), RawPixelFormat.Rgb24))
        {
            await writer.WriteFrameAsync(RawFrame.Solid(64, 36, RawPixelFormat.Rgb24, 10, 20, 30));
            await writer.CompleteAsync();
        }
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;

        var info = await MediaProbe.ProbeAsync(path);
        FfmpegProcess.Recorder.Value = null;

        Assert.Empty(runs);
        Assert.Equal((path, 1L), (info.Path, info.Video!.FrameCount));
    }

    [Fact]
    public async Task A_missing_file_is_not_remembered()
    {
        var path = folder.Path("appears-later.mov");
        await Assert.ThrowsAsync<MediaException>(() => MediaProbe.ProbeAsync(path));

        Ffmpeg.MakeClip(path, frames: 3);

        Assert.Equal(3, (await MediaProbe.ProbeAsync(path)).Video!.FrameCount);
    }
}
