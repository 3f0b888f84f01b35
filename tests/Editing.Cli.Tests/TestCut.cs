using System.Diagnostics;
using System.Text.Json;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Cli.Tests;

/// <summary>
/// A small cut made with ffmpeg for end-to-end tests: three 48-frame shots (24000/1001, ProRes, 48 kHz stereo PCM,
/// timecodes 01:00:00:00, 02:00:00:00, 03:00:00:00) used from frame 6 for 30 frames, a 12-frame gap between shots 2
/// and 3, on V1 and (same media) A1.
/// </summary>
internal static class TestCut
{
    public const double Rate = 24000.0 / 1001.0;

    public static readonly (string Reel, string Source, string Timecode, long Start)[] Shots =
    [
        ("A001C003", "testsrc2=size={0}:rate=24000/1001", "01:00:00:00", 86400),
        ("A002C001", "testsrc2=size={0}:rate=24000/1001,hue=h=120", "02:00:00:00", 172800),
        ("A003C007", "testsrc2=size={0}:rate=24000/1001,vflip", "03:00:00:00", 259200),
    ];

    /// <summary>Makes the media and <c>cut.otio</c> in <paramref name="dir"/>; returns the timeline path.</summary>
    public static string Create(string dir, string size = "320x180", int frames = 48, int used = 30, int gap = 12)
    {
        var media = Directory.CreateDirectory(Path.Combine(dir, "media")).FullName;
        var samples = frames * 2002;
        foreach (var (reel, source, tc, _) in Shots)
        {
            Ffmpeg("-f", "lavfi", "-i", string.Format(System.Globalization.CultureInfo.InvariantCulture, source, size),
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-filter_complex", $"[0:v]trim=end_frame={frames},setpts=N/FRAME_RATE/TB[v];[1:a]atrim=end_sample={samples},volume=0.3,pan=stereo|c0=c0|c1=c0[a]",
                "-map", "[v]", "-map", "[a]", "-c:v", "prores_ks", "-profile:v", "3", "-qscale:v", "9", "-vendor", "apl0",
                "-pix_fmt", "yuv422p10le", "-timecode", tc, "-c:a", "pcm_s24le", Path.Combine(media, reel + ".mov"));
        }

        var timeline = new Timeline("test cut") { GlobalStartTime = new RationalTime(86400, Rate), Tracks = new Stack() };
        foreach (var kind in new[] { Track.VideoKind, Track.AudioKind })
        {
            var track = new Track { Name = kind == Track.VideoKind ? "V1" : "A1", Kind = kind };
            for (var i = 0; i < Shots.Length; i++)
            {
                if (i == 2)
                {
                    track.Children.Add(new Gap { SourceRange = new TimeRange(new RationalTime(0, Rate), new RationalTime(gap, Rate)) });
                }

                var (reel, _, _, start) = Shots[i];
                var reference = new ExternalReference($"media/{reel}.mov", new TimeRange(new RationalTime(start, Rate), new RationalTime(frames, Rate)));
                track.Children.Add(new Clip($"sh0{i + 1}0", reference, new TimeRange(new RationalTime(start + 6, Rate), new RationalTime(used, Rate))));
            }

            timeline.Tracks.Children.Add(track);
        }

        var path = Path.Combine(dir, "cut.otio");
        OtioJson.WriteFile(timeline, path);
        return path;
    }

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

    /// <summary>ffprobe's first video and audio streams.</summary>
    public static (JsonElement Video, JsonElement? Audio) Probe(string path)
    {
        var psi = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-v", "error", "-print_format", "json", "-show_streams", "-count_frames", path })
        {
            psi.ArgumentList.Add(arg);
        }

        using var p = Process.Start(psi)!;
        var json = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var doc = JsonDocument.Parse(json).RootElement.Clone();
        var streams = doc.GetProperty("streams").EnumerateArray().ToList();
        var video = streams.First(s => s.GetProperty("codec_type").GetString() == "video");
        JsonElement? audio = streams.FirstOrDefault(s => s.GetProperty("codec_type").GetString() == "audio") is { ValueKind: JsonValueKind.Object } a ? a : null;
        return (video, audio);
    }

    public static long Frames(JsonElement video) => long.Parse(video.GetProperty("nb_read_frames").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public static string? Timecode(JsonElement video) =>
        video.TryGetProperty("tags", out var tags) && tags.TryGetProperty("timecode", out var tc) ? tc.GetString() : null;

    public static long AudioSamples(JsonElement audio) =>
        long.Parse(audio.GetProperty("duration_ts").ToString(), System.Globalization.CultureInfo.InvariantCulture);

    public static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
