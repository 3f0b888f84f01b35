using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Editing.Providers.Remote.Tests.Support;

/// <summary>
/// Real media made with ffmpeg for the fake servers and the requests: vendor outputs (H.264 MP4 at the vendor's native
/// size and rate, small bitrate, cached per size, rate and length for the whole run) and conditioning stills.
/// </summary>
public static class VendorMedia
{
    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Videos = new(StringComparer.Ordinal);
    private static readonly Lazy<string> Folder = new(() => Directory.CreateTempSubdirectory("editing-remote-media-").FullName);

    /// <summary>An MP4 of <paramref name="seconds"/> s at <paramref name="width"/>×<paramref name="height"/> and
    /// <paramref name="rate"/> fps.</summary>
    public static byte[] Video(int width, int height, string rate, int seconds) =>
        Videos.GetOrAdd($"{width}x{height}@{rate}x{seconds}", key => new Lazy<byte[]>(() =>
        {
            var path = Path.Combine(Folder.Value, key.Replace('/', '_') + ".mp4");
            Ffmpeg("-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate={rate}", "-t", seconds.ToString(CultureInfo.InvariantCulture),
                "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "300k", "-pix_fmt", "yuv420p", "-movflags", "+faststart", path);
            return File.ReadAllBytes(path);
        })).Value;

    /// <summary>An MP4 of exactly <paramref name="frames"/> frames (for frame-count models).</summary>
    public static byte[] VideoFrames(int width, int height, string rate, int frames) =>
        Videos.GetOrAdd($"{width}x{height}@{rate}f{frames}", key => new Lazy<byte[]>(() =>
        {
            var path = Path.Combine(Folder.Value, key.Replace('/', '_') + ".mp4");
            Ffmpeg("-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate={rate}", "-frames:v", frames.ToString(CultureInfo.InvariantCulture),
                "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "300k", "-pix_fmt", "yuv420p", "-movflags", "+faststart", path);
            return File.ReadAllBytes(path);
        })).Value;

    /// <summary>A 16-bit RGB PNG still of <paramref name="width"/>×<paramref name="height"/>, like the host's edge frames.</summary>
    public static string Still(int width = 320, int height = 180)
    {
        var path = Path.Combine(Folder.Value, $"still-{width}x{height}.png");
        lock (Folder)
        {
            if (!File.Exists(path))
            {
                Ffmpeg("-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=24", "-frames:v", "1", "-pix_fmt", "rgb48be", path);
            }
        }

        return path;
    }

    /// <summary>Runs ffmpeg; throws with its stderr on failure.</summary>
    public static void Ffmpeg(params string[] args)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-v", "error", "-y" }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed: {err}");
        }
    }

    /// <summary>ffprobe's first video stream: size, exact rate, decoded frame count.</summary>
    public static (int Width, int Height, string Rate, long Frames) Probe(string path)
    {
        var psi = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error", "-select_streams", "v:0", "-count_frames", "-print_format", "json", "-show_streams", path })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var json = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var v = JsonDocument.Parse(json).RootElement.GetProperty("streams")[0];
        return (v.GetProperty("width").GetInt32(), v.GetProperty("height").GetInt32(), v.GetProperty("r_frame_rate").GetString()!,
            long.Parse(v.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture));
    }
}
