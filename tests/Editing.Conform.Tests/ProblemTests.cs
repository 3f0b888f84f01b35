using Editing.Conform.Reports;
using Editing.Conform.Tests.Support;
using Editing.Otio.Schema;

namespace Editing.Conform.Tests;

/// <summary>What a conform reports instead of guessing: ambiguity, missing media, rate and timecode mismatches.</summary>
public sealed class ProblemTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Two_equally_good_files_are_reported_as_ambiguous_with_both_paths_and_the_clip_is_not_relinked()
    {
        // Given the same file name in two unrelated folders, same timecode, same rate
        var a = TestMedia.Make(_tree["search/day1/B004C002.mov"], 48);
        var b = TestMedia.Make(_tree["search/day2/B004C002.mov"], 48);
        var cut = new Cut();
        var url = "file:///gone/offline/B004C002.mov";
        cut.Add("B004C002", url, "01:00:00:00", 24);
        var input = cut.Write(_tree["cut.otio"]);

        var report = await Run(input);

        var problem = Assert.Single(Assert.Single(report.Clips).Problems);
        Assert.Equal(ProblemKind.Ambiguous, problem.Kind);
        Assert.Equal(new[] { a, b }, problem.Candidates);
        Assert.Contains(a, problem.Message, StringComparison.Ordinal);
        Assert.Contains(b, problem.Message, StringComparison.Ordinal);
        Assert.Equal(url, Assert.IsType<ExternalReference>(Assert.Single(Cut.ClipsOf(_tree["out.otio"])).MediaReference).TargetUrl);
        Assert.Equal(5, report.ExitCode);
    }

    [Fact]
    public async Task Of_two_files_with_the_same_name_the_one_whose_timecode_contains_the_clip_is_chosen()
    {
        TestMedia.Make(_tree["search/day1/B004C003.mov"], 48, timecode: "05:00:00:00");
        var right = TestMedia.Make(_tree["search/day2/B004C003.mov"], 48, timecode: "01:00:00:00");
        var cut = new Cut();
        cut.Add("B004C003", "/gone/B004C003.mov", "01:00:00:00", 24);
        var input = cut.Write(_tree["cut.otio"]);

        var report = await Run(input);

        Assert.Equal(right, Assert.Single(report.Clips).MediaPath);
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public async Task Media_found_nowhere_is_reported_missing_and_the_other_shots_still_conform()
    {
        var present = TestMedia.Make(_tree["search/C001C001.mov"], 48);
        var cut = new Cut();
        cut.Add("present", "/gone/C001C001.mov", "01:00:00:00", 24);
        cut.Add("absent", "/gone/C009C009.mov", "01:00:00:00", 24, reel: "C009");
        var input = cut.Write(_tree["cut.otio"]);

        var report = await Run(input);

        Assert.True(report.Clips[0].Conformed);
        Assert.Equal(present, report.Clips[0].MediaPath);
        var problem = Assert.Single(report.Clips[1].Problems);
        Assert.Equal(ProblemKind.MissingMedia, problem.Kind);
        Assert.Contains("C009C009.mov", problem.Message, StringComparison.Ordinal);
        Assert.Contains("reel 'C009'", problem.Message, StringComparison.Ordinal);
        Assert.Equal(5, report.ExitCode);
        Assert.Equal(1, report.FailedCount);
    }

    [Fact]
    public async Task Media_at_another_rate_than_the_clip_is_a_rate_mismatch()
    {
        // 25 fps media under a 24 fps clip
        TestMedia.Make(_tree["search/D001C001.mov"], 50, rate: "25");
        var cut = new Cut(rate: 24);
        cut.Add("pal", "/gone/D001C001.mov", "01:00:00:00", 24);
        var input = cut.Write(_tree["cut.otio"]);

        var report = await Run(input);

        var problem = Assert.Single(Assert.Single(report.Clips).Problems);
        Assert.Equal(ProblemKind.RateMismatch, problem.Kind);
        Assert.Equal("25/1", problem.MediaRate);
        Assert.Equal(24.0, problem.ClipRate);
    }

    [Fact]
    public async Task An_ntsc_clip_rate_written_as_23_976_matches_24000_over_1001_media()
    {
        var media = TestMedia.Make(_tree["search/E001C001.mov"], 48, rate: "24000/1001");
        var cut = new Cut(rate: 24000.0 / 1001);
        cut.Add("ntsc", media, "01:00:00:00", 24);
        var input = cut.Write(_tree["cut.otio"]);

        var report = await Run(input);

        Assert.Empty(Assert.Single(report.Clips).Problems);
    }

    [Fact]
    public async Task Media_whose_timecode_does_not_contain_the_source_range_is_a_timecode_mismatch()
    {
        // The file starts at 00:00:00:00; the clip wants 01:00:00:00
        TestMedia.Make(_tree["search/F001C001.mov"], 48, timecode: "00:00:00:00");
        var cut = new Cut();
        cut.Add("wrong tc", "/gone/F001C001.mov", "01:00:00:00", 24);
        var input = cut.Write(_tree["cut.otio"]);

        var report = await Run(input);

        var problem = Assert.Single(Assert.Single(report.Clips).Problems);
        Assert.Equal(ProblemKind.TimecodeMismatch, problem.Kind);
        Assert.Equal("00:00:00:00-00:00:02:00", problem.MediaRange);
        Assert.Equal("01:00:00:00-01:00:01:00", problem.NeededRange);
    }

    [Fact]
    public async Task A_file_that_is_not_media_is_reported_unreadable()
    {
        Directory.CreateDirectory(_tree["search"]);
        File.WriteAllText(_tree["search/G001C001.mov"], "not a movie");
        var cut = new Cut();
        cut.Add("broken", "/gone/G001C001.mov", "01:00:00:00", 24);
        var input = cut.Write(_tree["cut.otio"]);

        var report = await Run(input);

        Assert.Equal(ProblemKind.UnreadableMedia, Assert.Single(Assert.Single(report.Clips).Problems).Kind);
    }

    private Task<ConformReport> Run(string input) => new ConformRunner().RunAsync(new ConformRequest
    {
        TimelinePath = input,
        SearchDirectories = [_tree["search"]],
        OutputPath = _tree["out.otio"],
    });
}
