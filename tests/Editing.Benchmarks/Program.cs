using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Editing.Otio.Serialization;

namespace Editing.Benchmarks;

/// <summary>
/// Entry point.
/// <list type="bullet">
/// <item><c>-- [BenchmarkDotNet args]</c>: runs the benchmarks (BenchmarkSwitcher over this assembly).</item>
/// <item><c>-- generate &lt;tracks&gt; &lt;clipsPerTrack&gt; &lt;out.otio&gt;</c>: writes a synthetic timeline.</item>
/// <item><c>-- convert-scaling [TxC ...]</c>: generates 1x1000, 4x10000 and 8x50000 (or the sizes given) into
/// <c>$EDITING_BENCH_DIR</c> (default <c>artifacts/bench-data</c>), times a read+write of each in a child process and
/// prints a table against the reference library's figures (also written to <c>artifacts/bench-results.md</c>).</item>
/// <item><c>-- convert-once &lt;in&gt; &lt;out&gt;</c>: reads then writes one file and prints the times and peak RSS.</item>
/// <item><c>-- verify-generator [TxC ...]</c>: checks that the streaming generator writes the same bytes as
/// <c>OtioJson.WriteBytes(SyntheticTimeline.Build(...))</c>.</item>
/// </list>
/// </summary>
public static class Program
{
    private const string ConvertTag = "CONVERT";

    /// <summary>Reference library figures from <c>/work/shared/conformance/README.md</c> (2-core machine, indent 4).</summary>
    private static readonly ReferenceFigures[] References =
    [
        new(1, 1_000, 2.9, 26, 3.9, 10),
        new(4, 10_000, 116, 1_510, 402, 235),
        new(8, 50_000, 1_159, 18_413, 10_469, 2.26 * 1024),
    ];

    /// <summary>Runs the selected mode.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            return args.Length > 0 ? args[0] switch
            {
                "generate" => Generate(args),
                "convert-scaling" => ConvertScaling(args),
                "extend-scaling" => ExtendScaling.Run(args),
                "cache-reuse" => ExtendScaling.RunCacheReuse(args),
                "convert-once" => ConvertOnce(args),
                "rss-baseline" => RssBaseline(),
                "verify-generator" => VerifyGenerator(args),
                _ => RunBenchmarks(args),
            }
            : RunBenchmarks(args);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    /// <summary>The repository root (the folder holding Editing.sln), or null when not found.</summary>
    public static string? FindRepoRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Editing.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        return null;
    }

    /// <summary>Where synthetic timelines are cached: <c>$EDITING_BENCH_DIR</c>, else <c>artifacts/bench-data</c> under the repository.</summary>
    public static string BenchDataDirectory()
    {
        var env = Environment.GetEnvironmentVariable("EDITING_BENCH_DIR");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return Path.GetFullPath(env);
        }
        var root = FindRepoRoot();
        return root is null
            ? Path.Combine(Path.GetTempPath(), "editing-bench-data")
            : Path.Combine(root, "artifacts", "bench-data");
    }

    /// <summary>Returns the cached synthetic file for a size, generating it first when absent.</summary>
    public static string EnsureSynthetic(int tracks, int clipsPerTrack)
    {
        var dir = BenchDataDirectory();
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, SyntheticTimeline.FileName(tracks, clipsPerTrack));
        if (!File.Exists(path))
        {
            SyntheticTimeline.WriteFile(path, tracks, clipsPerTrack);
        }
        return path;
    }

    /// <summary>Peak resident set size (VmHWM) of this process in KiB, or -1 where /proc is unavailable.</summary>
    public static long PeakRssKib() => ProcStatusKib("VmHWM:");

    private static long ProcStatusKib(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var digits = line.AsSpan(field.Length).Trim();
                    var space = digits.IndexOf(' ');
                    return long.Parse(space < 0 ? digits : digits[..space], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return -1;
    }

    private static int RunBenchmarks(string[] args)
    {
        // BenchmarkDotNet rebuilds the whole solution graph (host, worker, test plugins) into its own folder with /m:1;
        // on a busy 2-core machine that can take longer than its default two minutes.
        IConfig config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
        var root = FindRepoRoot();
        if (root is not null)
        {
            config = config.WithArtifactsPath(Path.Combine(root, "artifacts", "BenchmarkDotNet.Artifacts"));
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    private static int Generate(string[] args)
    {
        if (args.Length != 4)
        {
            throw new UsageException("usage: generate <tracks> <clipsPerTrack> <out.otio>");
        }
        var tracks = ParseCount(args[1]);
        var clips = ParseCount(args[2]);
        var sw = Stopwatch.StartNew();
        SyntheticTimeline.WriteFile(args[3], tracks, clips);
        var size = new FileInfo(args[3]).Length;
        Console.WriteLine(Inv($"wrote {args[3]}: {tracks}x{clips}, {size:N0} bytes ({size / 1e6:F1} MB, {size / (double)Math.Max(1, tracks * clips):F0} bytes/clip) in {sw.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    private static int VerifyGenerator(string[] args)
    {
        var sizes = args.Length > 1 ? args.Skip(1).Select(ParseSize).ToArray() : [(0, 0), (1, 0), (1, 1), (3, 45), (2, 1_000), (4, 10_000)];
        var ok = true;
        foreach (var (tracks, clips) in sizes)
        {
            var expected = OtioJson.WriteBytes(SyntheticTimeline.Build(tracks, clips));
            using var ms = new MemoryStream();
            SyntheticTimeline.Write(ms, tracks, clips);
            var same = ms.GetBuffer().AsSpan(0, (int)ms.Length).SequenceEqual(expected);
            var reread = OtioJson.ReadBytes(expected, "synthetic");
            var rewritten = OtioJson.WriteBytes(reread);
            var roundTrips = rewritten.AsSpan().SequenceEqual(expected);
            ok &= same && roundTrips;
            Console.WriteLine(Inv($"{tracks}x{clips}: {expected.Length:N0} bytes ({expected.Length / (double)Math.Max(1, tracks * clips):F0} bytes/clip); streaming == model: {same}; read+write round trip identical: {roundTrips}"));
        }
        return ok ? 0 : 1;
    }

    private static int RssBaseline()
    {
        // Touch the reader and writer so their code is loaded, as in convert-once, on a trivial document.
        var root = OtioJson.ReadBytes("{\"OTIO_SCHEMA\": \"Timeline.1\", \"tracks\": null}"u8.ToArray(), "baseline");
        _ = OtioJson.WriteBytes(root);
        Console.WriteLine(Inv($"{ConvertTag} read_ms=0 write_ms=0 vmhwm_kib={PeakRssKib()} warm_read_ms=0 warm_write_ms=0 vmhwm2_kib={PeakRssKib()}"));
        return 0;
    }

    private static int ConvertOnce(string[] args)
    {
        if (args.Length != 3)
        {
            throw new UsageException("usage: convert-once <in.otio> <out.otio>");
        }
        // First pass: a fresh process, so this includes JIT compilation, as a one-shot conversion tool would see it.
        var sw = Stopwatch.StartNew();
        var root = OtioJson.ReadFile(args[1]);
        var readMs = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        OtioJson.WriteFile(root, args[2]);
        var writeMs = sw.Elapsed.TotalMilliseconds;
        GC.KeepAlive(root);
        var peak = PeakRssKib();

        // Warm passes: the steady state a long-running process sees. Small files need several passes before tiered
        // compilation has optimized the hot code, so repeat for about two seconds (at most 10 passes) and keep the best.
        var passes = (int)Math.Clamp(Math.Ceiling(2000 / (readMs + writeMs)), 1, 10);
        double warmReadMs = double.MaxValue, warmWriteMs = double.MaxValue;
        for (var pass = 0; pass < passes; pass++)
        {
            root = null;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            sw.Restart();
            root = OtioJson.ReadFile(args[1]);
            var r = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            OtioJson.WriteFile(root, args[2]);
            var w = sw.Elapsed.TotalMilliseconds;
            GC.KeepAlive(root);
            if (r + w < warmReadMs + warmWriteMs)
            {
                (warmReadMs, warmWriteMs) = (r, w);
            }
        }
        Console.WriteLine(Inv($"{ConvertTag} read_ms={readMs:F1} write_ms={writeMs:F1} vmhwm_kib={peak} warm_read_ms={warmReadMs:F1} warm_write_ms={warmWriteMs:F1} vmhwm2_kib={PeakRssKib()}"));
        return 0;
    }

    private static int ConvertScaling(string[] args)
    {
        var sizes = args.Length > 1 ? args.Skip(1).Select(ParseSize).ToArray() : References.Select(r => (r.Tracks, r.ClipsPerTrack)).ToArray();
        var dir = BenchDataDirectory();
        Directory.CreateDirectory(dir);
        var log = new StringBuilder();
        void Say(string line)
        {
            Console.WriteLine(line);
            log.AppendLine(line);
        }

        Say("# OTIO convert scaling (read file -> write file, one child process per timeline)");
        Say(string.Empty);
        Say(Inv($"- date (UTC): {DateTime.UtcNow:yyyy-MM-dd HH:mm}; machine: {Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}; .NET {Environment.Version}; GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}"));
        Say(Inv($"- data: {dir}"));

        var baseline = RunChild(["rss-baseline"]);
        Say(Inv($"- runtime baseline: child process start to exit {baseline.WallMs:F0} ms, peak RSS {baseline.PeakRssKib / 1024.0:F1} MiB (included in the figures below)"));
        Say(string.Empty);

        var rows = new List<string>();
        var notes = new List<string>();
        foreach (var (tracks, clips) in sizes)
        {
            var name = Inv($"{tracks}x{clips}");
            var reference = References.FirstOrDefault(r => r.Tracks == tracks && r.ClipsPerTrack == clips);
            var path = Path.Combine(dir, SyntheticTimeline.FileName(tracks, clips));
            var estimate = (long)tracks * clips * 2_900L;
            if (!File.Exists(path))
            {
                var free = new DriveInfo(dir).AvailableFreeSpace;
                if (free < Math.Max(5L << 30, 3 * estimate))
                {
                    notes.Add(Inv($"{name}: skipped, only {free / (double)(1L << 30):F1} GiB free in {dir} (needs ~{3 * estimate / 1e9:F1} GB)"));
                    Console.WriteLine(notes[^1]);
                    continue;
                }
                var gen = Stopwatch.StartNew();
                SyntheticTimeline.WriteFile(path, tracks, clips);
                Console.WriteLine(Inv($"generated {path} in {gen.Elapsed.TotalSeconds:F1} s"));
            }
            var size = new FileInfo(path).Length;
            var output = Path.Combine(dir, Inv($"convert-out-{tracks}x{clips}.otio"));
            var result = RunChild(["convert-once", path, output]);
            var identical = FilesEqual(path, output);
            File.Delete(output);
            if (!identical)
            {
                notes.Add(Inv($"{name}: the written file differs from the input"));
            }
            var totalClips = (long)tracks * clips;
            var cold = result.ReadMs + result.WriteMs;
            var warm = result.WarmReadMs + result.WarmWriteMs;
            var mb = size / 1e6;
            var peakMib = result.PeakRssKib / 1024.0;
            var refCells = reference is null
                ? "| - | - | - | - | - "
                : Inv($"| {reference.ParseMs:N0} + {reference.SerializeMs:N1} | {cold / (reference.ParseMs + reference.SerializeMs):F2} | {result.WarmReadMs / reference.ParseMs:F2} / {result.WarmWriteMs / reference.SerializeMs:F2} / {warm / (reference.ParseMs + reference.SerializeMs):F2} | {reference.PeakMib:N0} | {peakMib / reference.PeakMib:F2} ");
            rows.Add(Inv($"| {name} | {mb:N1} | {totalClips:N0} | {result.ReadMs:N0} + {result.WriteMs:N0} = {cold:N0} | {result.WarmReadMs:N0} + {result.WarmWriteMs:N0} = {warm:N0} | {result.WallMs:N0} | {peakMib:N0} {refCells}| {mb / (result.WarmReadMs / 1000):N0} / {mb / (result.WarmWriteMs / 1000):N0} | {totalClips / (warm / 1000):N0} | {(identical ? "yes" : "NO")} |"));
            Console.WriteLine(rows[^1]);
        }

        Say(string.Empty);
        Say("| timeline | size MB | clips | cold read + write ms | warm read + write ms | child wall ms | peak RSS MiB (cold pass) | reference parse + serialize ms | cold total ÷ ref | warm read / write / total ÷ ref | ref peak MiB (one parse) | RSS ÷ ref | warm MB/s read / write | warm clips/s (read+write) | round trip identical |");
        Say("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            Say(row);
        }
        Say(string.Empty);
        Say("Reference: the OpenTimelineIO C++ library's figures from /work/shared/conformance/README.md (2-core machine, single thread; parse from file, serialize to a string, indent 4). Ours: read from file, then write to file (atomic temp + rename), in a fresh child process: \"cold\" is the first pass (includes JIT compilation), \"warm\" the best of 1-10 further passes in the same process (about 2 s of them), each after a full GC; child wall is process start to exit for both passes; peak RSS is the child's VmHWM after the cold pass (includes the runtime baseline above). Ratios below 1 mean faster / smaller than the reference; the reference figures are the README's, not a run on this machine.");
        foreach (var note in notes)
        {
            Say("- " + note);
        }

        var resultsRoot = FindRepoRoot();
        var resultsPath = resultsRoot is null ? Path.Combine(dir, "bench-results.md") : Path.Combine(resultsRoot, "artifacts", "bench-results.md");
        Directory.CreateDirectory(Path.GetDirectoryName(resultsPath)!);
        File.WriteAllText(resultsPath, log.ToString());
        Console.WriteLine(Inv($"results written to {resultsPath}"));
        return notes.Any(n => n.Contains("differs", StringComparison.Ordinal)) ? 1 : 0;
    }

    private static ChildResult RunChild(string[] childArgs)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the running executable");
        var psi = new ProcessStartInfo(self)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            psi.ArgumentList.Add(typeof(Program).Assembly.Location);
        }
        foreach (var a in childArgs)
        {
            psi.ArgumentList.Add(a);
        }
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start the child process");
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var wallMs = sw.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(Inv($"child {string.Join(' ', childArgs)} exited with {process.ExitCode}: {stdout}"));
        }
        var line = stdout.Split('\n').LastOrDefault(l => l.StartsWith(ConvertTag, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("child printed no result: " + stdout);
        double readMs = 0, writeMs = 0, warmReadMs = 0, warmWriteMs = 0;
        long rss = -1, rss2 = -1;
        foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = part[..eq];
            var value = part[(eq + 1)..];
            switch (key)
            {
                case "read_ms": readMs = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "write_ms": writeMs = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "vmhwm_kib": rss = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "warm_read_ms": warmReadMs = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "warm_write_ms": warmWriteMs = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "vmhwm2_kib": rss2 = long.Parse(value, CultureInfo.InvariantCulture); break;
                default: break;
            }
        }
        return new ChildResult(readMs, writeMs, wallMs, rss, warmReadMs, warmWriteMs, rss2);
    }

    private static bool FilesEqual(string a, string b)
    {
        using var fa = new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var fb = new FileStream(b, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (fa.Length != fb.Length)
        {
            return false;
        }
        var ba = new byte[1 << 20];
        var bb = new byte[1 << 20];
        while (true)
        {
            var na = fa.ReadAtLeast(ba, ba.Length, throwOnEndOfStream: false);
            var nb = fb.ReadAtLeast(bb, bb.Length, throwOnEndOfStream: false);
            if (na != nb || !ba.AsSpan(0, na).SequenceEqual(bb.AsSpan(0, nb)))
            {
                return false;
            }
            if (na == 0)
            {
                return true;
            }
        }
    }

    private static (int Tracks, int ClipsPerTrack) ParseSize(string s)
    {
        var x = s.IndexOf('x', StringComparison.Ordinal);
        if (x <= 0)
        {
            throw new UsageException($"expected a size like 4x10000, got '{s}'");
        }
        return (ParseCount(s[..x]), ParseCount(s[(x + 1)..]));
    }

    private static int ParseCount(string s)
        => int.TryParse(s.Replace("_", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new UsageException($"expected a non-negative count, got '{s}'");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record ReferenceFigures(int Tracks, int ClipsPerTrack, double SizeMb, double ParseMs, double SerializeMs, double PeakMib);

    private sealed record ChildResult(double ReadMs, double WriteMs, double WallMs, long PeakRssKib, double WarmReadMs, double WarmWriteMs, long PeakRssAfterWarmKib);

    private sealed class UsageException(string message) : Exception(message);
}
