using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Benchmarks;

/// <summary>
/// Read and write of the synthetic timelines (1 track × 1,000 clips and 4 tracks × 10,000 clips). The files are generated
/// once into <c>$EDITING_BENCH_DIR</c> (default <c>artifacts/bench-data</c>) and reused. The 8 × 50,000 timeline is
/// measured by <c>-- convert-scaling</c>, not here. One launch, 3 warm-ups and 8 iterations (a 4×10,000 read is one
/// invocation per iteration) keep a full run to about two minutes on a 2-core machine.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class OtioBenchmarks
{
    private string _path = string.Empty;
    private SerializableObject? _root;

    /// <summary>The timeline size as <c>tracks x clipsPerTrack</c>.</summary>
    [Params("1x1000", "4x10000")]
    public string Size { get; set; } = "1x1000";

    /// <summary>Generates (if absent) the file to read.</summary>
    [GlobalSetup(Target = nameof(ReadFile))]
    public void SetupRead()
    {
        _path = EnsureFile();
    }

    /// <summary>Generates (if absent) and reads the timeline to write.</summary>
    [GlobalSetup(Targets = [nameof(WriteToNull), nameof(WriteToMemory)])]
    public void SetupWrite()
    {
        _path = EnsureFile();
        _root = OtioJson.ReadFile(_path);
    }

    /// <summary>Parses the timeline from its file on disk.</summary>
    [Benchmark]
    public SerializableObject ReadFile() => OtioJson.ReadFile(_path);

    /// <summary>Serializes the timeline (indent 4, target 0.18) to a sink that discards the bytes.</summary>
    [Benchmark]
    public void WriteToNull() => OtioJson.Write(_root!, Stream.Null);

    /// <summary>Serializes the timeline to a byte array (the closest analogue of the reference's serialize-to-string).</summary>
    [Benchmark]
    public byte[] WriteToMemory() => OtioJson.WriteBytes(_root!);

    private string EnsureFile()
    {
        var x = Size.IndexOf('x', StringComparison.Ordinal);
        var tracks = int.Parse(Size.AsSpan(0, x), CultureInfo.InvariantCulture);
        var clips = int.Parse(Size.AsSpan(x + 1), CultureInfo.InvariantCulture);
        return Program.EnsureSynthetic(tracks, clips);
    }
}

/// <summary>
/// Time math over a few thousand values: RationalTime arithmetic and rescaling, TimeRange relations, and timecode
/// formatting and parsing. Results are per value.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TimeMathBenchmarks
{
    private const int N = 4096;
    // The exact SMPTE rates (FromTimecode, like the reference, refuses the literals 23.976 / 29.97 / 59.94).
    private static readonly double[] Rates = [24000.0 / 1001, 24, 25, 30000.0 / 1001, 30, 48, 50, 60000.0 / 1001, 60];

    private RationalTime[] _times = [];
    private TimeRange[] _ranges = [];
    private double[] _rates = [];
    private string[] _timecodes = [];

    /// <summary>Builds the deterministic inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _times = new RationalTime[N];
        _ranges = new TimeRange[N];
        _rates = new double[N];
        _timecodes = new string[N];
        for (var i = 0; i < N; i++)
        {
            var rate = Rates[i % Rates.Length];
            var frames = (86400.0 * (i % 7)) + (i * 977 % 200_000);
            _rates[i] = rate;
            _times[i] = new RationalTime(Math.Round(frames), rate);
            _ranges[i] = new TimeRange(new RationalTime(i * 37 % 5000, 24), new RationalTime(24 + (i * 13 % 480), 24));
            _timecodes[i] = _times[i].ToTimecode(rate);
            _ = RationalTime.FromTimecode(_timecodes[i], rate); // fail in setup, not in the measured loop
        }
    }

    /// <summary>Adds, subtracts, compares and rescales mixed-rate times.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double RationalTimeArithmetic()
    {
        var sum = new RationalTime(0, 24);
        var acc = 0.0;
        var times = _times;
        for (var i = 0; i < times.Length; i++)
        {
            var t = times[i];
            sum += t;
            var d = sum - t.RescaledTo(48);
            if (d > t)
            {
                acc += d.ValueRescaledTo(30000.0 / 1001);
            }
            acc += t.ToSeconds() + t.RescaledTo(sum).Value;
        }
        return acc + sum.Value;
    }

    /// <summary>Evaluates range relations between neighbouring ranges.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int TimeRangeRelations()
    {
        var count = 0;
        var ranges = _ranges;
        for (var i = 0; i < ranges.Length; i++)
        {
            var a = ranges[i];
            var b = ranges[(i * 7 + 1) % ranges.Length];
            count += (a.Contains(b) ? 1 : 0) + (a.Overlaps(b) ? 2 : 0) + (a.Intersects(b) ? 4 : 0) + (a.Meets(b) ? 8 : 0)
                + (a.Before(b) ? 16 : 0) + (a.Begins(b) ? 32 : 0) + (a.Finishes(b) ? 64 : 0) + (a.Contains(b.StartTime) ? 128 : 0);
            count += (int)a.ExtendedBy(b).EndTimeExclusive().Value & 1;
            count += (int)a.Clamped(b).Duration.Value & 1;
        }
        return count;
    }

    /// <summary>Formats times as SMPTE timecode at their own rates (drop frame inferred for 30000/1001 and 60000/1001).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int ToTimecode()
    {
        var length = 0;
        var times = _times;
        for (var i = 0; i < times.Length; i++)
        {
            length += times[i].ToTimecode(_rates[i]).Length;
        }
        return length;
    }

    /// <summary>Parses SMPTE timecode strings at their rates.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double FromTimecode()
    {
        var acc = 0.0;
        var timecodes = _timecodes;
        for (var i = 0; i < timecodes.Length; i++)
        {
            acc += RationalTime.FromTimecode(timecodes[i], _rates[i]).Value;
        }
        return acc;
    }
}
