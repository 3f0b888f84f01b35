using System.Collections.Concurrent;
using System.Diagnostics;
using Editing.Media;

namespace Editing.Conform.Tests.Support;

/// <summary>
/// Tiny ProRes Proxy movies (64x36) made with ffmpeg: a given rate, frame count, start timecode (<c>-timecode</c>)
/// and reel (<c>reel_name</c> on the timecode track, as cameras and ffmpeg write it). Each distinct movie is encoded
/// once per test run and copied to the names a test needs.
/// </summary>
internal static class TestMedia
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Masters = new(StringComparer.Ordinal);
    private static readonly string MasterDirectory = CreateMasterDirectory();

    /// <summary>Writes a movie at <paramref name="path"/> (folders created) and returns the path.</summary>
    public static string Make(string path, int frames, string rate = "24", string? timecode = "01:00:00:00", string? reel = null)
    {
        var key = $"{frames}_{rate.Replace('/', 'd')}_{timecode?.Replace(':', '-').Replace(';', '_') ?? "none"}_{reel ?? "none"}";
        var master = Masters.GetOrAdd(key, k => new Lazy<string>(() => Encode(Path.Combine(MasterDirectory, k + ".mov"), frames, rate, timecode, reel))).Value;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.Copy(master, path, overwrite: true);
        return Path.GetFullPath(path);
    }

    private static string CreateMasterDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("editing-conform-masters-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return directory;
    }

    private static string Encode(string path, int frames, string rate, string? timecode, string? reel)
    {
        var args = new List<string>
        {
            "-nostdin", "-hide_banner", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=size=64x36:rate={rate}",
            "-frames:v", frames.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c:v", "prores_ks", "-profile:v", "0", "-qscale:v", "9", "-vendor", "apl0",
        };
        if (timecode is not null)
        {
            args.AddRange(["-timecode", timecode]);
        }
        if (reel is not null)
        {
            args.AddRange(["-metadata:s:v:0", $"reel_name={reel}"]);
        }
        args.Add(path);
        var info = new ProcessStartInfo(MediaTools.Shared.FfmpegPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
        }
        return path;
    }
}
