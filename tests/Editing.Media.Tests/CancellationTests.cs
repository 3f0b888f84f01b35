using System.Diagnostics;
using Editing.Media.Tests.Support;
using Editing.Media.Transcoding;

namespace Editing.Media.Tests;

public sealed class CancellationTests(TestFolder folder) : IClassFixture<TestFolder>
{
    [Fact]
    public async Task Cancelling_a_conform_kills_ffmpeg_and_leaves_no_temp_or_final_file()
    {
        var dir = folder.NewSubfolder("cancel");
        var source = Ffmpeg.MakeClip(Path.Combine(dir, "source.mov"), frames: 24);
        var output = Path.Combine(dir, "big.mov");
        // About a minute of work: 3000 frames of 1080p ProRes HQ.
        var spec = new ConformSpec { Rate = FrameRate.Fps23_976, Width = 1920, Height = 1080, FrameCount = 3000 };
        using var cts = new CancellationTokenSource();
        var started = Stopwatch.StartNew();
        var progress = new ListProgress(p =>
        {
            if (p.FramesDone > 0)
            {
                cts.Cancel();
            }
        });
        cts.CancelAfter(TimeSpan.FromSeconds(20));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Conformer.ConformAsync(source, spec, output, progress, cts.Token));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"cancelled after {started.Elapsed}");
        Assert.NotEmpty(progress.Reports);
        Assert.Equal([source], Directory.GetFiles(dir));
        Assert.Empty(ProcessesMentioning(dir));
    }

    [Fact]
    public async Task An_already_cancelled_token_starts_nothing()
    {
        var dir = folder.NewSubfolder("precancelled");
        var source = Ffmpeg.MakeClip(Path.Combine(dir, "source.mov"), frames: 6);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Conformer.ConformAsync(source, new ConformSpec { Rate = FrameRate.Fps25, Width = 320, Height = 180, FrameCount = 6 }, Path.Combine(dir, "out.mov"), cancellationToken: cts.Token));

        Assert.Equal([source], Directory.GetFiles(dir));
    }

    /// <summary>Running processes whose command line contains <paramref name="text"/> (Linux /proc).</summary>
    private static List<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }
}
