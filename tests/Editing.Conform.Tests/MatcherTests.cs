using System.Globalization;
using Editing.Conform.Facts;
using Editing.Conform.Index;
using Editing.Conform.Matching;
using Editing.Conform.Reports;
using Editing.Conform.Rules;
using Editing.Conform.Tests.Support;
using Editing.Media;
using Editing.Otio.OpenTime;

namespace Editing.Conform.Tests;

/// <summary>The matching stage with synthetic files and facts (no ffprobe).</summary>
public sealed class MatcherTests
{
    [Fact]
    public async Task Only_candidates_are_asked_about_however_many_files_are_indexed()
    {
        // Given 3,000 files, all with facts, and three clips each naming one of them
        var facts = new FakeFacts();
        var paths = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"/media/roll{i / 100:000}/A{i:0000}C001.mov");
            paths.Add(path);
            facts.Table[path] = new MediaFacts(FrameRate.Fps24, 48, "01:00:00:00");
        }
        var index = MediaIndex.Build(paths, ConformRules.Default);
        var queries = new[] { "A0001C001.mov", "A1500C001.mov", "A2999C001.mov" }.Select(name => Query(name, reference: "/gone/" + name)).ToList();

        var matches = await ConformRunner.MatchAllAsync(index, ConformRules.Default, new FactsCache(facts), 0, queries, 1, CancellationToken.None);

        Assert.All(matches, m => Assert.Empty(m.Problems));
        Assert.Equal(3, facts.Asked.Count);
        Assert.All(facts.Asked.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task A_path_asked_about_by_many_clips_is_asked_once()
    {
        var facts = new FakeFacts();
        facts.Table["/m/A.mov"] = new MediaFacts(FrameRate.Fps24, 48, "01:00:00:00");
        var index = MediaIndex.Build(["/m/A.mov"], ConformRules.Default);
        var queries = Enumerable.Range(0, 50).Select(_ => Query("A.mov", reference: "/gone/A.mov")).ToList();

        await ConformRunner.MatchAllAsync(index, ConformRules.Default, new FactsCache(facts), 0, queries, 4, CancellationToken.None);

        Assert.Equal(1, facts.Asked["/m/A.mov"]);
    }

    [Fact]
    public async Task Among_equally_named_files_the_one_in_the_same_folder_structure_wins()
    {
        // /old/proj/reel2/X.mov moved to /new/proj/reel2/X.mov; /new/proj/reel1/X.mov is another file of that name
        var facts = new FakeFacts();
        foreach (var p in new[] { "/new/proj/reel1/X.mov", "/new/proj/reel2/X.mov" })
        {
            facts.Table[p] = new MediaFacts(FrameRate.Fps24, 48, "01:00:00:00");
        }
        var index = MediaIndex.Build(facts.Table.Keys, ConformRules.Default);

        var match = Assert.Single(await ConformRunner.MatchAllAsync(index, ConformRules.Default, new FactsCache(facts), 0, [Query("X.mov", reference: "/old/proj/reel2/X.mov")], 1, CancellationToken.None));

        Assert.Equal("/new/proj/reel2/X.mov", match.Path);
    }

    [Fact]
    public async Task The_earlier_extension_in_the_rules_wins_when_only_the_extension_differs()
    {
        var facts = new FakeFacts();
        foreach (var p in new[] { "/m/proxy/A.mp4", "/m/ocn/A.mxf" })
        {
            facts.Table[p] = new MediaFacts(FrameRate.Fps24, 48, "01:00:00:00");
        }
        var rules = new ConformRules { Extensions = [".mxf", ".mp4"] };
        var index = MediaIndex.Build(facts.Table.Keys, rules);

        var match = Assert.Single(await ConformRunner.MatchAllAsync(index, rules, new FactsCache(facts), 0, [Query("A", reference: null)], 1, CancellationToken.None));

        Assert.Equal("/m/ocn/A.mxf", match.Path);
    }

    [Fact]
    public async Task A_reel_with_two_files_containing_the_range_is_ambiguous()
    {
        var facts = new FakeFacts();
        facts.Table["/m/R001_a.mov"] = new MediaFacts(FrameRate.Fps24, 48, "01:00:00:00");
        facts.Table["/m/R001_b.mov"] = new MediaFacts(FrameRate.Fps24, 48, "01:00:00:00");
        var rules = new ConformRules { ReelPattern = new System.Text.RegularExpressions.Regex("^(R\\d{3})") };
        var index = MediaIndex.Build(facts.Table.Keys, rules);

        var match = Assert.Single(await ConformRunner.MatchAllAsync(index, rules, new FactsCache(facts), 0, [Query("clip", reference: null, reel: "R001")], 1, CancellationToken.None));

        var problem = Assert.Single(match.Problems);
        Assert.Equal(ProblemKind.Ambiguous, problem.Kind);
        Assert.Equal(new[] { "/m/R001_a.mov", "/m/R001_b.mov" }, problem.Candidates);
        Assert.Null(match.Path);
    }

    [Fact]
    public async Task A_reel_whose_files_do_not_contain_the_range_is_a_timecode_mismatch_listing_them()
    {
        var facts = new FakeFacts();
        facts.Table["/m/R002.mov"] = new MediaFacts(FrameRate.Fps24, 48, "02:00:00:00");
        var index = MediaIndex.Build(facts.Table.Keys, ConformRules.Default);

        var match = Assert.Single(await ConformRunner.MatchAllAsync(index, ConformRules.Default, new FactsCache(facts), 0, [Query("clip", reference: null, reel: "R002")], 1, CancellationToken.None));

        var problem = Assert.Single(match.Problems);
        Assert.Equal(ProblemKind.TimecodeMismatch, problem.Kind);
        Assert.Contains("/m/R002.mov (02:00:00:00-02:00:02:00)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_carries_another_reel_does_not_qualify_for_a_reel_match()
    {
        // Given two files named as reel R003 at the same timecode, one of which says (in its own tags) it is reel R009
        var facts = new FakeFacts();
        facts.Table["/m/R003_a.mov"] = new MediaFacts(FrameRate.Fps24, 48, "01:00:00:00", reel: "R009");
        facts.Table["/m/R003_b.mov"] = new MediaFacts(FrameRate.Fps24, 48, "01:00:00:00", reel: "R003");
        var rules = new ConformRules { ReelPattern = new System.Text.RegularExpressions.Regex("^(R\\d{3})") };
        var index = MediaIndex.Build(facts.Table.Keys, rules);

        var match = Assert.Single(await ConformRunner.MatchAllAsync(index, rules, new FactsCache(facts), 0, [Query("clip", reference: null, reel: "R003")], 1, CancellationToken.None));

        Assert.Equal("/m/R003_b.mov", match.Path);
        Assert.Equal(ConformMethod.ReelTimecode, match.Method);
    }

    [Fact]
    public async Task A_clip_named_after_an_old_version_is_versioned_up_and_reported_old_to_new()
    {
        // An EDL event whose only link is its clip name, sh010_comp_v001.mov; v001 and v003 are on disk
        var facts = new FakeFacts();
        facts.Table["/vfx/sh010_comp_v001.mov"] = new MediaFacts(FrameRate.Fps24, 48, "01:00:00:00");
        facts.Table["/vfx/sh010_comp_v003.mov"] = new MediaFacts(FrameRate.Fps24, 48, "01:00:00:00");
        var index = MediaIndex.Build(facts.Table.Keys, ConformRules.Default);

        var match = Assert.Single(await ConformRunner.MatchAllAsync(index, ConformRules.Default, new FactsCache(facts), 0, [Query("sh010_comp_v001.mov", reference: null)], 1, CancellationToken.None));

        Assert.Equal("/vfx/sh010_comp_v003.mov", match.Path);
        Assert.Equal(("v001", "v003"), (match.VersionFrom, match.VersionTo));
    }

    private static ClipQuery Query(string name, string? reference, string? reel = null) => new()
    {
        Name = name,
        ReferenceUrl = reference,
        ReferencePath = reference,
        ReferenceExists = false,
        ReferenceFileName = reference is null ? null : Path.GetFileName(reference),
        Reel = reel,
        SourceRange = new TimeRange(new RationalTime(86400, 24), new RationalTime(24, 24)),
    };
}
