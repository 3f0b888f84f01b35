using System.Globalization;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Editing.Conform;
using Editing.Conform.Facts;
using Editing.Conform.Index;
using Editing.Conform.Matching;
using Editing.Conform.Rules;
using Editing.Media;
using Editing.Otio.OpenTime;

namespace Editing.Benchmarks;

/// <summary>
/// The matching stage of <c>editing conform</c> without ffprobe: a 1,000-clip timeline against synthetic trees of
/// 1,000, 10,000 and 100,000 files, with synthetic media facts through <see cref="IMediaFactsSource"/>. The clips
/// mix every method: 300 by file name, 200 by reel and timecode (50 of those reels hold a second file at another
/// timecode), 100 versioned up (v001 in the cut, v003 found), 100 by clip-name pattern, and 300 whose media is
/// nowhere (they try every lookup). The rest of each tree is unrelated files, a tenth of them versioned. Indexed
/// lookups keep <see cref="Match1000Clips"/> nearly flat as the tree grows; only <see cref="BuildIndex"/> grows with it.
/// A short in-process job (<see cref="ShortInProcessConfig"/>): each iteration is one call, as the calls take
/// milliseconds to a second, and nothing is rebuilt: <c>dotnet run -c Release --project tests/Editing.Benchmarks --
/// --filter '*ConformBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcessConfig))]
public class ConformBenchmarks
{
    private const int Clips = 1_000;
    private const double Rate = 24;

    private string[] _paths = [];
    private ConformRules _rules = ConformRules.Default;
    private SyntheticFacts _facts = new();
    private List<ClipQuery> _queries = [];
    private MediaIndex? _index;

    /// <summary>Files in the searched tree.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Files { get; set; } = 1_000;

    /// <summary>Makes the tree, the facts and the clips, and indexes the tree once for <see cref="Match1000Clips"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _rules = new ConformRules
        {
            ReelPattern = new Regex("^(?<reel>R[0-9]{4})", RegexOptions.CultureInvariant),
            NamePatterns = [new NamePattern(new Regex("^(?<shot>sh[0-9]{4}) plate", RegexOptions.CultureInvariant), "${shot}_plate_*.mov")],
        };
        _facts = new SyntheticFacts();
        var paths = new List<string>(Files);
        _queries = new List<ClipQuery>(Clips);
        for (var i = 0; i < Clips; i++)
        {
            var kind = i % 10;
            var source = new TimeRange(new RationalTime(86400 + 120, Rate), new RationalTime(48, Rate));
            switch (kind)
            {
                case 0 or 1 or 2:
                    {
                        var name = Inv($"A{i:0000}C{i % 50:000}_R1AB.mov");
                        paths.Add(_facts.Add(Inv($"/vol/day{i % 7}/{name}"), "01:00:00:00"));
                        _queries.Add(Query(Inv($"shot {i}"), "/offline/" + name, reel: null, source));
                        break;
                    }
                case 3 or 4:
                    {
                        var reel = Inv($"R{i:0000}");
                        paths.Add(_facts.Add(Inv($"/vol/cam/{reel}/{reel}C001_take.mov"), "01:00:00:00"));
                        if (i % 4 == 0)
                        {
                            paths.Add(_facts.Add(Inv($"/vol/cam/{reel}/{reel}C002_take.mov"), "02:00:00:00"));
                        }
                        _queries.Add(Query(Inv($"event {i}"), null, reel, source));
                        break;
                    }
                case 5:
                    {
                        paths.Add(_facts.Add(Inv($"/vfx/sh{i:0000}/sh{i:0000}_comp_v001.mov"), "01:00:00:00"));
                        paths.Add(_facts.Add(Inv($"/vfx/sh{i:0000}/sh{i:0000}_comp_v003.mov"), "01:00:00:00"));
                        _queries.Add(Query(Inv($"sh{i:0000}"), Inv($"/offline/sh{i:0000}_comp_v001.mov"), reel: null, source));
                        break;
                    }
                case 6:
                    {
                        paths.Add(_facts.Add(Inv($"/plates/sh{i:0000}_plate_main.mov"), "01:00:00:00"));
                        _queries.Add(Query(Inv($"sh{i:0000} plate (fixed)"), null, reel: null, source));
                        break;
                    }
                default:
                    _queries.Add(Query(Inv($"lost {i}"), Inv($"/offline/L{i:0000}C001.mov"), Inv($"L{i:0000}"), source));
                    break;
            }
        }
        for (var j = 0; paths.Count < Files; j++)
        {
            paths.Add(j % 10 == 0
                ? Inv($"/archive/vfx/zz{j:0000000}_comp_v{j % 7 + 1:000}.mov")
                : Inv($"/archive/day{j % 30}/Z{j:0000000}C{j % 97:000}.mov"));
        }
        _paths = [.. paths];
        _index = MediaIndex.Build(_paths, _rules);
    }

    /// <summary>Indexes the tree: by name, by name without extension, by version key, by reel; sorted names for globs.</summary>
    [Benchmark]
    public int BuildIndex() => MediaIndex.Build(_paths, _rules).Count;

    /// <summary>Matches the 1,000 clips against the prebuilt index (facts asked only for candidates, once each).</summary>
    [Benchmark]
    public int Match1000Clips()
    {
        var matches = ConformRunner.MatchAllAsync(_index!, _rules, new FactsCache(_facts), 8, _queries, 1, CancellationToken.None).GetAwaiter().GetResult();
        return matches.Count(m => m.Problems.Count == 0);
    }

    private static ClipQuery Query(string name, string? reference, string? reel, TimeRange source) => new()
    {
        Name = name,
        ReferenceUrl = reference,
        ReferencePath = reference,
        ReferenceExists = false,
        ReferenceFileName = reference is null ? null : Path.GetFileName(reference),
        Reel = reel,
        SourceRange = source,
    };

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Facts from a table: every file 24 fps, 480 frames, from the timecode it was added with.</summary>
    private sealed class SyntheticFacts : IMediaFactsSource
    {
        private readonly Dictionary<string, MediaFacts> _table = new(StringComparer.Ordinal);

        public string Add(string path, string timecode)
        {
            _table[path] = new MediaFacts(FrameRate.Fps24, 480, timecode);
            return path;
        }

        public ValueTask<MediaFacts> GetFactsAsync(string path, CancellationToken cancellationToken) =>
            _table.TryGetValue(path, out var facts)
                ? ValueTask.FromResult(facts)
                : ValueTask.FromResult(new MediaFacts(FrameRate.Fps24, 480, "10:00:00:00"));
    }

    /// <summary>One launch in this process, 3 warm-up and 10 measured iterations of one call each.</summary>
    public sealed class ShortInProcessConfig : ManualConfig
    {
        /// <summary>Creates the configuration.</summary>
        public ShortInProcessConfig()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(10)
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: false))
                .WithId("ShortInProcess"));
        }
    }
}
