using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Benchmarks;

/// <summary>
/// <c>extend-scaling [--runs N] [--jobs N] [--trace] [--no-build] [--cli editing.dll]</c>: the whole-process cost of <c>editing apply --tool
/// editing.extend</c> against the bare ffmpeg commands a script would run for the same result.
/// <list type="bullet">
/// <item>Media (made once, cached in <c>$EDITING_BENCH_DIR/extend-scaling</c>): 10 clips of 96 frames, 1920x1080
/// 24000/1001 ProRes 422 HQ (<c>-qscale:v 4</c>), timecode 01:00:00:00 … 10:00:00:00, 48 kHz stereo PCM; a timeline
/// <c>cut.otio</c> using frames 8..87 of each (clips <c>sh010</c> … <c>sh100</c> on V1, the same media on A1).</item>
/// <item>Bare: per clip, one after the other, (1) the last used frame as a 16-bit PNG (<c>-ss</c> to it) and (2) a
/// 48-frame continuation, <c>tpad=stop_mode=clone</c> of the last used frame encoded as ProRes 422 HQ with the same
/// qscale and the continuing timecode, muxed with a 48-frame audio extension (the used audio's last 48 frames played
/// backwards, which continues from the last sample without a click, as room tone starts).</item>
/// <item>Editing: <c>dotnet exec editing.dll apply cut.otio --tool editing.extend --select glob:sh* --param
/// duration=48 -o out.otio</c> as a process (CLI from <c>src/Editing.Cli/bin/Release/net10.0</c>, built first
/// unless <c>--no-build</c>; or another build's <c>editing.dll</c> with <c>--cli</c>, to compare two builds).</item>
/// </list>
/// The two alternate <c>--runs</c> times (default 3); the table gives the median wall seconds of each, their ratio
/// (the acceptance bound is 1.15) and the CPU seconds of all child processes (a steadier figure on a shared machine).
/// A reference row adds to the bare time one ffprobe per source, timed separately: the bare commands have each
/// clip's rate, timecode and audio layout written in, which a script for any footage would first have to probe.
/// With <c>--trace</c>, an extra editing run goes through ffmpeg/ffprobe wrappers (<c>EDITING_FFMPEG</c>,
/// <c>EDITING_FFPROBE</c>) that log every invocation, and the cost per step is printed.
/// </summary>
internal static class ExtendScaling
{
    private const int Clips = 10;
    private const int ClipFrames = 96;
    private const int UsedFirst = 8;
    private const int UsedFrames = 80;
    private const int ExtendFrames = 48;
    private const int QScale = 4;
    private const int SamplesPerFrame = 2002; // 48000 × 1001 / 24000
    private const string RateText = "24000/1001";
    private const double Rate = 24000.0 / 1001.0;
    private const string MediaVersion = "v1 1920x1080 prores-hq q4 96f pcm24 stereo";

    public static int Run(string[] args)
    {
        var runs = 3;
        var jobs = Environment.ProcessorCount;
        var trace = false;
        var build = true;
        string? cliPath = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length:
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--jobs" when i + 1 < args.Length:
                    jobs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--trace":
                    trace = true;
                    break;
                case "--no-build":
                    build = false;
                    break;
                case "--cli" when i + 1 < args.Length:
                    cliPath = Path.GetFullPath(args[++i]);
                    break;
                default:
                    Console.Error.WriteLine("usage: extend-scaling [--runs N] [--jobs N] [--trace] [--no-build] [--cli path/to/editing.dll]");
                    return 2;
            }
        }

        var root = Program.FindRepoRoot() ?? throw new InvalidOperationException("run from the repository (Editing.sln not found)");
        var cli = cliPath ?? EnsureCli(root, build);
        var dir = Path.Combine(Program.BenchDataDirectory(), "extend-scaling");
        var timeline = EnsureMedia(dir);
        var log = new StringBuilder();
        void Say(string line)
        {
            Console.WriteLine(line);
            log.AppendLine(line);
        }

        Say("# Extend scaling: editing apply --tool editing.extend vs bare ffmpeg");
        Say(string.Empty);
        Say(Inv($"- date (UTC): {DateTime.UtcNow:yyyy-MM-dd HH:mm}; {Environment.ProcessorCount} logical CPUs; load average at start {LoadAverage()}; {Environment.OSVersion}; .NET {Environment.Version}"));
        Say(Inv($"- {Clips} clips of {ClipFrames} frames 1920x1080 {RateText} ProRes 422 HQ (qscale {QScale}) + 48 kHz stereo; each extended by {ExtendFrames} frames after frame {UsedFirst + UsedFrames - 1}; editing --jobs {jobs}"));
        Say(Inv($"- data: {dir}; CLI: {cli}"));

        if (runs > 0)
        {
            Compare(Say, dir, cli, timeline, runs, jobs);
        }

        if (trace)
        {
            Say(string.Empty);
            Say("## Per step (one traced editing run; wall is the sum of each invocation's duration, overlapping when items run in parallel)");
            Say(string.Empty);
            var traced = TraceRun(dir, cli, timeline, jobs);
            foreach (var line in traced)
            {
                Say(line);
            }
        }

        var resultsPath = Path.Combine(root, "artifacts", "bench-extend-results.md");
        Directory.CreateDirectory(Path.GetDirectoryName(resultsPath)!);
        File.WriteAllText(resultsPath, log.ToString());
        Console.WriteLine(Inv($"results written to {resultsPath}"));
        return 0;
    }

    /// <summary>
    /// <c>cache-reuse [--runs N] [--no-build] [--cli editing.dll]</c>: the same 10-clip 1080p extend as
    /// <c>extend-scaling</c>, run twice against a fresh result cache: the second, identical apply reuses every result.
    /// Prints the median wall seconds of both and their ratio (the acceptance bound is 5%).
    /// </summary>
    public static int RunCacheReuse(string[] args)
    {
        var runs = 3;
        var build = true;
        string? cliPath = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length:
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--no-build":
                    build = false;
                    break;
                case "--cli" when i + 1 < args.Length:
                    cliPath = Path.GetFullPath(args[++i]);
                    break;
                default:
                    Console.Error.WriteLine("usage: cache-reuse [--runs N] [--no-build] [--cli path/to/editing.dll]");
                    return 2;
            }
        }

        var root = Program.FindRepoRoot() ?? throw new InvalidOperationException("run from the repository (Editing.sln not found)");
        var cli = cliPath ?? EnsureCli(root, build);
        var dir = Path.Combine(Program.BenchDataDirectory(), "extend-scaling");
        var timeline = EnsureMedia(dir);
        var first = new List<double>();
        var second = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var cache = FreshDirectory(Path.Combine(dir, "runs", "cache"));
            var env = new Dictionary<string, string> { ["EDITING_CACHE_DIR"] = cache };
            foreach (var (list, name) in new[] { (first, "first"), (second, "second") })
            {
                var work = FreshDirectory(Path.Combine(dir, "runs", Inv($"cache-{name}")));
                var sw = Stopwatch.StartNew();
                Exec("dotnet", ["exec", cli, "apply", timeline, "--tool", "editing.extend", "--select", "glob:sh*", "--param", "duration=48", "-o", Path.Combine(work, "out.otio")], dir, env);
                list.Add(sw.Elapsed.TotalSeconds);
                Console.WriteLine(Inv($"run {run + 1}/{runs} {name} apply: {list[^1],7:F2} s"));
                Directory.Delete(work, recursive: true);
            }

            Directory.Delete(cache, recursive: true);
        }

        var a = Median(first);
        var b = Median(second);
        var lines = new[]
        {
            "# Result cache: a second identical apply",
            string.Empty,
            Inv($"- date (UTC): {DateTime.UtcNow:yyyy-MM-dd HH:mm}; {Environment.ProcessorCount} logical CPUs; load average {LoadAverage()}"),
            Inv($"- {Clips} clips 1920x1080 ProRes 422 HQ, each extended by {ExtendFrames} frames; a fresh cache per run"),
            string.Empty,
            "| | median wall s | runs |",
            "|---|---|---|",
            Inv($"| first apply (generates, stores) | {a:F2} | {string.Join(" / ", first.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))} |"),
            Inv($"| second, identical apply (reuses) | {b:F2} | {string.Join(" / ", second.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))} |"),
            Inv($"| **second ÷ first** | **{b / a:P1}** (bound 5%: {(b / a <= 0.05 ? "met" : "NOT met")}) | |"),
        };
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        var resultsPath = Path.Combine(root, "artifacts", "bench-cache-results.md");
        Directory.CreateDirectory(Path.GetDirectoryName(resultsPath)!);
        File.WriteAllLines(resultsPath, lines);
        Console.WriteLine(Inv($"results written to {resultsPath}"));
        return 0;
    }

    private static void Compare(Action<string> say, string dir, string cli, string timeline, int runs, int jobs)
    {
        var bare = new List<Sample>();
        var editing = new List<Sample>();
        for (var run = 0; run < runs; run++)
        {
            bare.Add(RunBare(dir, run));
            Console.WriteLine(Inv($"run {run + 1}/{runs} bare:    {bare[^1].Wall,7:F2} s wall, {bare[^1].Cpu,7:F2} s CPU"));
            editing.Add(RunEditing(dir, cli, timeline, run, jobs, trace: null));
            Console.WriteLine(Inv($"run {run + 1}/{runs} editing: {editing[^1].Wall,7:F2} s wall, {editing[^1].Cpu,7:F2} s CPU"));
        }

        var bareWall = Median(bare.Select(s => s.Wall));
        var editWall = Median(editing.Select(s => s.Wall));
        var bareCpu = Median(bare.Select(s => s.Cpu));
        var editCpu = Median(editing.Select(s => s.Cpu));
        var ratio = editWall / bareWall;
        say(string.Empty);
        say("| | median wall s | runs (wall s) | median CPU s (all child processes) |");
        say("|---|---|---|---|");
        say(Inv($"| bare ffmpeg, {Clips} clips one after the other | {bareWall:F2} | {string.Join(" / ", bare.Select(s => s.Wall.ToString("F2", CultureInfo.InvariantCulture)))} | {bareCpu:F2} |"));
        say(Inv($"| editing apply (--jobs {jobs}) | {editWall:F2} | {string.Join(" / ", editing.Select(s => s.Wall.ToString("F2", CultureInfo.InvariantCulture)))} | {editCpu:F2} |"));
        say(Inv($"| **editing ÷ bare** | **{ratio:F2}** (bound 1.15: {(ratio <= 1.15 ? "met" : "NOT met")}) | | {editCpu / bareCpu:F2} |"));
        var probedWall = Median(bare.Select(s => s.Wall + s.ProbeWall));
        var probedCpu = Median(bare.Select(s => s.Cpu + s.ProbeCpu));
        say(Inv($"| for reference: bare + one ffprobe per source | {probedWall:F2} | {string.Join(" / ", bare.Select(s => (s.Wall + s.ProbeWall).ToString("F2", CultureInfo.InvariantCulture)))} | {probedCpu:F2} |"));
        say(Inv($"| editing ÷ (bare + ffprobe) | {editWall / probedWall:F2} | | {editCpu / probedCpu:F2} |"));
        say(string.Empty);
        say(Inv($"- bare CPU per clip (median run): 16-bit PNG of the last used frame {Median(bare.Select(s => s.PngCpu)) / Clips:F2} s, continuation encode with audio {Median(bare.Select(s => s.EncodeCpu)) / Clips:F2} s; editing: {editCpu / Clips:F2} s per clip"));
        say(Inv($"- cores: {Environment.ProcessorCount}; load average at end {LoadAverage()}"));
    }

    private sealed record Sample(double Wall, double Cpu, double PngCpu = 0, double EncodeCpu = 0, double ProbeWall = 0, double ProbeCpu = 0);

    // ---- media and timeline ----

    private static string EnsureMedia(string dir)
    {
        var media = Path.Combine(dir, "media");
        var marker = Path.Combine(media, ".complete");
        var timeline = Path.Combine(dir, "cut.otio");
        if (File.Exists(marker) && File.ReadAllText(marker) == MediaVersion && File.Exists(timeline))
        {
            return timeline;
        }

        Directory.CreateDirectory(media);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < Clips; i++)
        {
            var hue = i * 36;
            Ffmpeg(
                "-f", "lavfi", "-i", Inv($"testsrc2=size=1920x1080:rate={RateText},hue=h={hue}"),
                "-f", "lavfi", "-i", Inv($"sine=frequency={220 + (i * 55)}:sample_rate=48000"),
                "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.05:sample_rate=48000:seed=7",
                "-filter_complex",
                Inv($"[0:v]trim=end_frame={ClipFrames},setpts=N/FRAME_RATE/TB[v];[1:a][2:a]amix=inputs=2:normalize=0,atrim=end_sample={ClipFrames * SamplesPerFrame},volume=0.3,pan=stereo|c0=c0|c1=c0[a]"),
                "-map", "[v]", "-map", "[a]",
                "-c:v", "prores_ks", "-profile:v", "3", "-qscale:v", Inv($"{QScale}"), "-vendor", "apl0", "-pix_fmt", "yuv422p10le",
                "-timecode", ClipTimecode(i), "-c:a", "pcm_s24le", Path.Combine(media, ClipFile(i)));
        }

        var t = new Timeline("extend scaling") { GlobalStartTime = new RationalTime(86400, Rate), Tracks = new Stack() };
        foreach (var kind in new[] { Track.VideoKind, Track.AudioKind })
        {
            var track = new Track { Name = kind == Track.VideoKind ? "V1" : "A1", Kind = kind };
            for (var i = 0; i < Clips; i++)
            {
                var start = ClipStartFrame(i);
                var reference = new ExternalReference($"media/{ClipFile(i)}", new TimeRange(new RationalTime(start, Rate), new RationalTime(ClipFrames, Rate)));
                track.Children.Add(new Clip(ClipName(i), reference, new TimeRange(new RationalTime(start + UsedFirst, Rate), new RationalTime(UsedFrames, Rate))));
            }

            t.Tracks.Children.Add(track);
        }

        OtioJson.WriteFile(t, timeline);
        File.WriteAllText(marker, MediaVersion);
        Console.WriteLine(Inv($"made {Clips} clips and {timeline} in {sw.Elapsed.TotalSeconds:F1} s"));
        return timeline;
    }

    private static string ClipFile(int i) => Inv($"A{i + 1:000}C001.mov");

    private static string ClipName(int i) => Inv($"sh{(i + 1) * 10:000}");

    private static string ClipTimecode(int i) => Inv($"{i + 1:00}:00:00:00");

    private static long ClipStartFrame(int i) => (i + 1) * 3600L * 24;

    /// <summary>Non-drop timecode at base 24 of frame <paramref name="frame"/> counted from 00:00:00:00.</summary>
    private static string Timecode(long frame) =>
        Inv($"{frame / (3600 * 24):00}:{frame / (60 * 24) % 60:00}:{frame / 24 % 60:00}:{frame % 24:00}");

    // ---- the bare commands ----

    private static Sample RunBare(string dir, int run)
    {
        var work = FreshDirectory(Path.Combine(dir, "runs", Inv($"bare-{run}")));
        var cpu = ChildCpuSeconds();
        double png = 0, encode = 0;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < Clips; i++)
        {
            var before = ChildCpuSeconds();
            var source = Path.Combine(dir, "media", ClipFile(i));
            var last = UsedFirst + UsedFrames - 1;
            // Frame n starts at n × 1001/24000 s; -ss rounded down to the microsecond keeps frame n the first one.
            var seek = Inv($"{Math.Floor(last * 1001 * 1_000_000.0 / 24000) / 1_000_000:F6}");
            Ffmpeg("-ss", seek, "-i", source, "-map", "0:v:0", "-frames:v", "1", "-pix_fmt", "rgb48be", "-update", "1", Path.Combine(work, Inv($"{i}-last.png")));
            var between = ChildCpuSeconds();
            png += between - before;

            var audioEnd = (long)(last + 1) * SamplesPerFrame;
            var audioStart = audioEnd - (ExtendFrames * SamplesPerFrame);
            Ffmpeg(
                "-ss", seek, "-i", source, "-i", source,
                "-filter_complex",
                Inv($"[0:v]trim=end_frame=1,tpad=stop_mode=clone:stop={ExtendFrames - 1},setpts=N/FRAME_RATE/TB[v];[1:a]atrim=start_sample={audioStart}:end_sample={audioEnd},asetpts=N/SR/TB,areverse[a]"),
                "-map", "[v]", "-map", "[a]",
                "-c:v", "prores_ks", "-profile:v", "3", "-qscale:v", Inv($"{QScale}"), "-vendor", "apl0", "-pix_fmt", "yuv422p10le",
                "-c:a", "pcm_s24le", "-timecode", Timecode(ClipStartFrame(i) + last + 1),
                Path.Combine(work, Inv($"{i}-ext-tail.mov")));
            encode += ChildCpuSeconds() - between;
        }

        var sample = new Sample(sw.Elapsed.TotalSeconds, ChildCpuSeconds() - cpu, png, encode);
        Directory.Delete(work, recursive: true);

        // Not part of the bare time: what a script doing this for any footage would add, one ffprobe per source to
        // learn its rate, timecode and audio layout (the commands above have them written in).
        var probeCpu = ChildCpuSeconds();
        var probeClock = Stopwatch.StartNew();
        for (var i = 0; i < Clips; i++)
        {
            Exec("ffprobe", ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", Path.Combine(dir, "media", ClipFile(i))], null, null);
        }

        return sample with { ProbeWall = probeClock.Elapsed.TotalSeconds, ProbeCpu = ChildCpuSeconds() - probeCpu };
    }

    // ---- editing apply ----

    private static Sample RunEditing(string dir, string cli, string timeline, int run, int jobs, Dictionary<string, string>? trace)
    {
        var work = FreshDirectory(Path.Combine(dir, "runs", Inv($"editing-{run}")));
        var output = Path.Combine(work, "out.otio");
        var cpu = ChildCpuSeconds();
        var sw = Stopwatch.StartNew();
        // --no-cache: every run generates (the cache would serve runs after the first; see cache-reuse).
        Exec("dotnet", ["exec", cli, "apply", timeline, "--tool", "editing.extend", "--select", "glob:sh*", "--param", "duration=48", "-o", output, "--jobs", Inv($"{jobs}"), "--no-cache"], dir, trace);
        var sample = new Sample(sw.Elapsed.TotalSeconds, ChildCpuSeconds() - cpu);
        var made = Directory.GetFiles(Path.Combine(work, "out.media"), "*.mov");
        if (made.Length != Clips)
        {
            throw new InvalidOperationException(Inv($"editing apply made {made.Length} media files, not {Clips}"));
        }

        Directory.Delete(work, recursive: true);
        return sample;
    }

    private static string EnsureCli(string root, bool build)
    {
        var cli = Path.Combine(root, "src", "Editing.Cli", "bin", "Release", "net10.0", "editing.dll");
        if (build || !File.Exists(cli))
        {
            Console.WriteLine("building the CLI (dotnet build src/Editing.Cli -c Release)");
            Exec("dotnet", ["build", Path.Combine(root, "src", "Editing.Cli"), "-c", "Release", "-v", "quiet"], root, null);
        }

        return cli;
    }

    // ---- tracing ----

    private static List<string> TraceRun(string dir, string cli, string timeline, int jobs)
    {
        var work = FreshDirectory(Path.Combine(dir, "runs", "trace"));
        var log = Path.Combine(work, "invocations.tsv");
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["EDITING_FFMPEG"] = Wrapper(work, "ffmpeg", log),
            ["EDITING_FFPROBE"] = Wrapper(work, "ffprobe", log),
        };
        var before = ChildCpuSeconds();
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var sample = RunEditing(dir, cli, timeline, 99, jobs, env);
        var total = ChildCpuSeconds() - before;
        var lines = new List<string>();
        var calls = File.ReadAllLines(log).Select(Invocation.Parse).Where(c => c is not null).Select(c => c!).ToList();
        var groups = calls.GroupBy(c => c.Step).OrderByDescending(g => g.Sum(c => c.Cpu));
        lines.Add("| step | invocations | wall s (sum) | CPU s (sum) | CPU s per clip |");
        lines.Add("|---|---|---|---|---|");
        foreach (var g in groups)
        {
            lines.Add(Inv($"| {g.Key} | {g.Count()} | {g.Sum(c => c.Wall):F2} | {g.Sum(c => c.Cpu):F2} | {g.Sum(c => c.Cpu) / Clips:F2} |"));
        }

        var toolCpu = calls.Sum(c => c.Cpu);
        lines.Add(Inv($"| ffmpeg + ffprobe total | {calls.Count} | {calls.Sum(c => c.Wall):F2} | {toolCpu:F2} | {toolCpu / Clips:F2} |"));
        lines.Add(Inv($"| editing process itself (.NET: startup, plugins, previs pixels, pipes, hashing) | 1 | | {total - toolCpu:F2} | {(total - toolCpu) / Clips:F2} |"));
        lines.Add(string.Empty);
        var first = calls.Count > 0 ? calls.Min(c => c.Start) : start;
        var lastEnd = calls.Count > 0 ? calls.Max(c => c.End) : start;
        lines.Add(Inv($"- traced run: {sample.Wall:F2} s wall, {sample.Cpu:F2} s CPU; first tool call {first - start:F2} s after start (process start-up, plugin discovery, validation), last one ends {start + sample.Wall - lastEnd:F2} s before the end"));
        lines.Add(Inv($"- time with no ffmpeg/ffprobe running: {IdleSeconds(calls, start, start + sample.Wall):F2} s"));
        lines.Add(Inv($"- invocation log: {log}"));
        return lines;
    }

    private static double IdleSeconds(List<Invocation> calls, double from, double to)
    {
        var busy = 0.0;
        var cursor = from;
        foreach (var c in calls.OrderBy(c => c.Start))
        {
            var s = Math.Max(c.Start, cursor);
            if (c.End > s)
            {
                busy += c.End - s;
                cursor = c.End;
            }
        }

        return Math.Max(0, to - from - busy);
    }

    private static string Wrapper(string dir, string tool, string log)
    {
        var real = FindOnPath(tool);
        var path = Path.Combine(dir, tool + "-traced");
        // bash: $EPOCHREALTIME needs no process; the time keyword gives the tool's user and system CPU time. The
        // tool keeps the wrapper's stdin, stdout and stderr (fds 3 and 4 are copies of the original ones).
        File.WriteAllText(path, $$"""
            #!/bin/bash
            exec 3>&2 4>&1
            TIMEFORMAT='%U %S'
            start=$EPOCHREALTIME
            t=$( { time "{{real}}" "$@" 2>&3 1>&4 3>&- 4>&- ; } 2>&1 )
            rc=$?
            end=$EPOCHREALTIME
            printf '%s\t%s\t%s\t%s\t%s\n' "$start" "$end" "$t" "{{tool}}" "$*" >> "{{log}}"
            exit $rc

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private sealed record Invocation(double Start, double End, double Cpu, string Step)
    {
        public double Wall => End - Start;

        public static Invocation? Parse(string line)
        {
            var parts = line.Split('\t', 5);
            if (parts.Length < 5)
            {
                return null;
            }

            var cpu = parts[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(ParseDouble);
            return new Invocation(ParseDouble(parts[0]), ParseDouble(parts[1]), cpu, Classify(parts[3], parts[4]));
        }

        private static double ParseDouble(string s) => double.Parse(s.Replace(',', '.'), CultureInfo.InvariantCulture);

        private static string Classify(string tool, string args)
        {
            if (tool == "ffprobe")
            {
                return args.Contains("-count_packets", StringComparison.Ordinal) ? "ffprobe -count_packets" : "ffprobe (MediaProbe)";
            }

            bool Has(string s) => args.Contains(s, StringComparison.Ordinal);
            return true switch
            {
                _ when Has(".png") && Has("-update 1") => "extract frame as 16-bit PNG (FrameExtractor)",
                _ when Has("-f rawvideo") && Has("pipe:0") => "encode generated frames (RawVideoWriter)",
                _ when Has("-f rawvideo") && Has("pipe:1") => "read frames (RawFrameReader)",
                _ when Has("-sseof") => "read audio tail (AudioOps.ExtendAsync)",
                _ when Has("pipe:1") && Has("f32le") => "read audio samples (AudioOps.ReadSamplesAsync)",
                _ when Has("-c:v copy") && args.Split(" -i ").Length > 2 => "mux audio (AudioOps.MuxAsync, video copied)",
                _ when Has("-c:v copy") => "conform by copy (Conformer, video copied)",
                _ when Has("-c:v prores_ks") || Has("-c:v dnxhd") || Has("-c:v libx264") => "conform (re-encode)",
                _ when Has("pcm_s24le") => "audio encode (AudioOps.ExtendAsync)",
                _ => "other ffmpeg",
            };
        }
    }

    // ---- process helpers ----

    private static void Ffmpeg(params string[] args) =>
        Exec("ffmpeg", ["-nostdin", "-hide_banner", "-v", "error", "-y", .. args], null, null);

    private static void Exec(string program, IEnumerable<string> args, string? workingDirectory, Dictionary<string, string>? environment)
    {
        var psi = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? [])
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException(Inv($"{program} {string.Join(' ', args)} exited with {p.ExitCode}:\n{stdout.Result}\n{stderr.Result}"));
        }
    }

    private static string FindOnPath(string tool)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            var candidate = Path.Combine(folder, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{tool} is not on PATH");
    }

    private static string FreshDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        return path;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>User + system CPU seconds of every child process waited for so far (getrusage RUSAGE_CHILDREN).</summary>
    private static double ChildCpuSeconds()
    {
        if (!OperatingSystem.IsLinux() || GetRUsage(-1, out var usage) != 0)
        {
            return 0;
        }

        return usage.UserSeconds + (usage.UserMicroseconds / 1e6) + usage.SystemSeconds + (usage.SystemMicroseconds / 1e6);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long Ixrss;
        public long Idrss;
        public long Isrss;
        public long Minflt;
        public long Majflt;
        public long Nswap;
        public long Inblock;
        public long Oublock;
        public long Msgsnd;
        public long Msgrcv;
        public long Nsignals;
        public long Nvcsw;
        public long Nivcsw;
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetRUsage(int who, out RUsage usage);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
