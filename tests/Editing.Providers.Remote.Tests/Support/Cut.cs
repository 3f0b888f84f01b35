using System.Diagnostics;
using System.Globalization;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Providers.Remote.Tests.Support;

/// <summary>
/// A tiny cut for end-to-end runs: V1 holds sh010 and sh020 (each 30 frames used from frame 6 of a 48-frame, 320×180,
/// 24000/1001 H.264 file with timecode), a 12-frame gap, then sh030.
/// </summary>
public static class Cut
{
    public const double Rate = 24000.0 / 1001.0;

    /// <summary>Makes the media and <c>cut.otio</c> in <paramref name="dir"/>; returns the timeline path.</summary>
    public static string Create(string dir)
    {
        var media = Directory.CreateDirectory(Path.Combine(dir, "media")).FullName;
        var track = new Track { Name = "V1", Kind = Track.VideoKind };
        var shots = new[] { ("sh010", "A001C001", 86400L, ""), ("sh020", "A001C002", 172800L, ",hue=h=90"), ("sh030", "A001C003", 259200L, ",vflip") };
        for (var i = 0; i < shots.Length; i++)
        {
            var (name, reel, start, filter) = shots[i];
            var tc = new RationalTime(start, Rate).ToTimecode();
            VendorMedia.Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24000/1001" + filter, "-frames:v", "48", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-timecode", tc, Path.Combine(media, reel + ".mov"));
            if (i == 2)
            {
                track.Children.Add(new Gap { SourceRange = new TimeRange(new RationalTime(0, Rate), new RationalTime(12, Rate)) });
            }

            var reference = new ExternalReference($"media/{reel}.mov", new TimeRange(new RationalTime(start, Rate), new RationalTime(48, Rate)));
            track.Children.Add(new Clip(name, reference, new TimeRange(new RationalTime(start + 6, Rate), new RationalTime(30, Rate))));
        }

        var timeline = new Timeline("remote provider cut") { GlobalStartTime = new RationalTime(86400, Rate), Tracks = new Stack() };
        timeline.Tracks.Children.Add(track);
        var path = Path.Combine(dir, "cut.otio");
        OtioJson.WriteFile(timeline, path);
        return path;
    }
}

/// <summary>Runs the built <c>editing</c> program with a clean, explicit environment.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n{Stdout}\n{Stderr}";
    }

    /// <summary>
    /// Runs <c>editing</c> with <paramref name="args"/>; <paramref name="environment"/> is added to a copy of this
    /// process's environment without any EDITING_* variable, and with the configuration, plugin and result-cache
    /// folders in <paramref name="home"/>, so no user file is read and no earlier run's cached result is reused.
    /// </summary>
    public static Result Run(string home, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("EDITING_", StringComparison.Ordinal)
            || k is "RUNWAYML_API_SECRET" or "GEMINI_API_KEY" or "GOOGLE_API_KEY" or "FAL_KEY").ToList())
        {
            psi.Environment.Remove(name);
        }

        psi.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, "config");
        psi.Environment["XDG_DATA_HOME"] = Path.Combine(home, "data");
        psi.Environment["XDG_CACHE_HOME"] = Path.Combine(home, "cache");
        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }

        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add("--runtimeconfig");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "editing.runtimeconfig.json"));
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "editing.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(180_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"editing {string.Join(' ', args)} did not finish");
        }

        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Settings for <paramref name="providerId"/> as environment variables: the fake's URL and fast polls.</summary>
    public static Dictionary<string, string> FastEnvironment(string providerId, string baseUrl)
    {
        var id = string.Concat(providerId.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'));
        return Harness.FastSettings(baseUrl).ToDictionary(kv => $"EDITING_PROVIDER__{id}__{kv.Key.ToUpperInvariant()}", kv => kv.Value, StringComparer.Ordinal);
    }

    /// <summary>ffprobe facts of the active media of the clip named <paramref name="name"/> in the written timeline.</summary>
    public static (int Width, int Height, string Rate, long Frames) ProbeClip(string timelinePath, string name, out string mediaPath)
    {
        var timeline = OtioJson.ReadFile<Timeline>(timelinePath);
        var clip = timeline.Tracks!.Children.OfType<Track>().SelectMany(t => t.Children).OfType<Clip>().Single(c => c.Name == name);
        var url = ((ExternalReference)clip.MediaReference!).TargetUrl;
        mediaPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(timelinePath)!, Uri.UnescapeDataString(url.Replace("file://", "", StringComparison.Ordinal))));
        return VendorMedia.Probe(mediaPath);
    }

    /// <summary>Whole frames of <paramref name="time"/> at the cut's rate.</summary>
    public static long Frames(RationalTime time) => (long)Math.Round(time.ValueRescaledTo(Cut.Rate), MidpointRounding.AwayFromZero);

    /// <summary>Invariant text.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
