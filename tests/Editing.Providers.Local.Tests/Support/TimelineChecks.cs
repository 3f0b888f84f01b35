using Editing.Cli.Tests;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Providers.Local.Tests.Support;

/// <summary>What the end-to-end tests check on a written timeline and its media.</summary>
internal static class TimelineChecks
{
    /// <summary>The media file of the video-track clip named <paramref name="clipName"/>.</summary>
    public static string GeneratedMedia(string timelinePath, string clipName)
    {
        var timeline = (Timeline)OtioJson.ReadFile(timelinePath);
        var clip = timeline.Tracks!.Children.OfType<Track>().Where(t => t.Kind == Track.VideoKind)
            .SelectMany(t => t.Children.OfType<Clip>()).Single(c => c.Name == clipName);
        var reference = (ExternalReference)clip.MediaReference!;
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(timelinePath)!, reference.TargetUrl));
    }

    /// <summary>The small cut the end-to-end tests use: 160x90, 24-frame shots used for 12 frames, a 6-frame gap.</summary>
    public static string SmallCut(string dir) => TestCut.Create(dir, size: "160x90", frames: 24, used: 12, gap: 6);

    /// <summary>ffprobe: the small cut's rate (24000/1001) and size (160x90), and exactly <paramref name="frames"/> frames.</summary>
    public static void AssertConformed(string media, long frames)
    {
        var (video, _) = TestCut.Probe(media);
        Assert.Equal("24000/1001", video.GetProperty("r_frame_rate").GetString());
        Assert.Equal((160, 90), (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32()));
        Assert.Equal(frames, TestCut.Frames(video));
    }

    /// <summary>The secret is in none of: stdout, stderr, the written timeline, any file in its media folder.</summary>
    public static void AssertNoSecret(string secret, CliRunner.Result run, string output)
    {
        Assert.DoesNotContain(secret, run.All, StringComparison.Ordinal);
        if (File.Exists(output))
        {
            Assert.DoesNotContain(secret, File.ReadAllText(output), StringComparison.Ordinal);
        }

        var mediaDir = Path.ChangeExtension(output, ".media");
        if (Directory.Exists(mediaDir))
        {
            foreach (var file in Directory.EnumerateFiles(mediaDir, "*", SearchOption.AllDirectories))
            {
                Assert.DoesNotContain(secret, System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(file)), StringComparison.Ordinal);
            }
        }
    }
}
