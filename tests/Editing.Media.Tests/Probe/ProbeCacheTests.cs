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
    public async Task A_renamed_or_hard_linked_file_is_known_by_its_identity_on_linux()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // statx identity is Linux only; elsewhere a new name is probed again.
        }
        var original = Ffmpeg.MakeClip(folder.Path("identity.mov"), frames: 5);
        await MediaProbe.ProbeAsync(original);
        var renamed = folder.Path("identity-renamed.mov");
        File.Move(original, renamed);
        var linked = folder.Path("identity-linked.mov");
        Assert.Equal(0, Link(renamed, linked));
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;

        var byRename = await MediaProbe.ProbeAsync(renamed);
        var byLink = await MediaProbe.ProbeAsync(linked);
        FfmpegProcess.Recorder.Value = null;

        Assert.Empty(runs);
        Assert.Equal((renamed, 5L), (byRename.Path, byRename.Video!.FrameCount));
        Assert.Equal((linked, 5L), (byLink.Path, byLink.Video!.FrameCount));
    }

    [Fact]
    public async Task A_copy_with_the_same_length_and_time_is_still_probed()
    {
        var original = Ffmpeg.MakeClip(folder.Path("copied.mov"), frames: 4);
        await MediaProbe.ProbeAsync(original);
        var copy = folder.Path("copied-again.mov");
        File.Copy(original, copy);
        File.SetLastWriteTimeUtc(copy, File.GetLastWriteTimeUtc(original));
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;

        await MediaProbe.ProbeAsync(copy);
        FfmpegProcess.Recorder.Value = null;

        Assert.Single(runs);
    }

    [Theory]
    [InlineData(1, 48000, 1)]
    [InlineData(2, 48000, 2002)]
    [InlineData(2, 48000, 96096)]
    [InlineData(1, 44100, 12345)]
    [InlineData(2, 96000, 7)]
    [InlineData(6, 48000, 4004)]
    public async Task A_wave_written_by_the_library_is_known_as_ffprobe_reports_it(int channels, int sampleRate, int count)
    {
        var path = folder.Path($"written-{channels}-{sampleRate}-{count}.wav");
        var samples = Enumerable.Range(0, count * channels).Select(i => MathF.Sin(i * 0.01f) * 0.5f).ToArray();
        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;

        var written = Editing.Media.Audio.AudioOps.WriteWave(path, samples, new Editing.Media.Audio.AudioFormat(sampleRate, channels));
        var remembered = await MediaProbe.ProbeAsync(path);
        FfmpegProcess.Recorder.Value = null;

        var probed = await MediaProbe.ProbeUncachedAsync(path, CancellationToken.None);
        Assert.Empty(runs);
        Assert.Equal(written, remembered);
        Assert.Equal(probed.Audio.Single(), written.Audio.Single());
        Assert.Equal(probed, written);
    }

    [Fact]
    public async Task A_missing_file_is_not_remembered()
    {
        var path = folder.Path("appears-later.mov");
        await Assert.ThrowsAsync<MediaException>(() => MediaProbe.ProbeAsync(path));

        Ffmpeg.MakeClip(path, frames: 3);

        Assert.Equal(3, (await MediaProbe.ProbeAsync(path)).Video!.FrameCount);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string oldpath,
        [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string newpath);
}
