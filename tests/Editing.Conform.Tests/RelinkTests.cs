using Editing.Conform.Reports;
using Editing.Conform.Rules;
using Editing.Conform.Tests.Support;
using Editing.Otio.Bundles;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Conform.Tests;

/// <summary>Relinking against media trees made with ffmpeg and read with ffprobe.</summary>
public sealed class RelinkTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Relink_by_file_name_points_the_clip_at_the_moved_file_and_keeps_its_source_range()
    {
        // Given a clip whose media moved from /old/volume to the search tree
        var media = TestMedia.Make(_tree["new/shots/A001C003.mov"], 48);
        var cut = new Cut();
        var clip = cut.Add("shot one", "file:///old/volume/shots/A001C003.mov", "01:00:00:12", 24);
        var input = cut.Write(_tree["cut.otio"]);

        // When it is conformed
        var report = await Conform(input, [_tree["new"]]);

        // Then it points at the found file, with the media's range, and the cut's in and out are unchanged
        var result = Assert.Single(report.Clips);
        Assert.True(result.Conformed, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(ConformMethod.FileName, result.Method);
        Assert.True(result.Changed);
        var written = Assert.Single(Cut.ClipsOf(_tree["out/cut.otio"]));
        var reference = Assert.IsType<ExternalReference>(written.MediaReference);
        Assert.Equal(media, OtioBundle.FileFromUrl(reference.TargetUrl));
        Assert.StartsWith("file://", reference.TargetUrl, StringComparison.Ordinal);
        Assert.Equal(clip.SourceRange, written.SourceRange);
        Assert.Equal(new TimeRange(new RationalTime(86400, 24), new RationalTime(48, 24)), reference.AvailableRange);
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public async Task Relink_by_reel_and_timecode_picks_the_file_of_the_reel_whose_timecode_contains_the_source_range()
    {
        // Given camera roll A001 with two clips at different timecodes, and an EDL-style clip naming only reel and timecode
        TestMedia.Make(_tree["cam/A001C003_230101_R1AB.mov"], 48, timecode: "01:00:00:00", reel: "A001");
        var wanted = TestMedia.Make(_tree["cam/A001C004_230101_R1AB.mov"], 48, timecode: "01:00:10:00", reel: "A001");
        TestMedia.Make(_tree["cam/B001C001_230101_R2CD.mov"], 48, timecode: "01:00:10:00", reel: "B001");
        var cut = new Cut();
        cut.Add("interview", url: null, "01:00:10:06", 24, reel: "A001");
        var input = cut.Write(_tree["cut.otio"]);
        var rules = new ConformRules { ReelPattern = new System.Text.RegularExpressions.Regex("^(?<reel>[A-Z][0-9]{3})") };

        // When it is conformed
        var report = await Conform(input, [_tree["cam"]], rules);

        // Then the clip is linked to the A001 file containing 01:00:10:06 for 24 frames
        var result = Assert.Single(report.Clips);
        Assert.True(result.Conformed, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(ConformMethod.ReelTimecode, result.Method);
        Assert.Equal(wanted, result.MediaPath);
        var written = Assert.Single(Cut.ClipsOf(_tree["out/cut.otio"]));
        Assert.Equal(wanted, OtioBundle.FileFromUrl(Assert.IsType<ExternalReference>(written.MediaReference).TargetUrl));
    }

    [Fact]
    public async Task Relink_by_reel_matches_an_eight_character_edl_reel_to_the_longer_file_name()
    {
        // Given an EDL reel cut to 8 characters (A001C003) and the camera file's full name
        var wanted = TestMedia.Make(_tree["cam/A001_C003_0101AB.mov"], 48, timecode: "01:00:00:00");
        var cut = new Cut();
        cut.Add("A001_C003", url: null, "01:00:00:10", 12, reel: "A001C003");
        var input = cut.Write(_tree["cut.otio"]);

        var report = await Conform(input, [_tree["cam"]]);

        var result = Assert.Single(report.Clips);
        Assert.Equal(ConformMethod.ReelTimecode, result.Method);
        Assert.Equal(wanted, result.MediaPath);
        Assert.True(result.Conformed);
    }

    [Fact]
    public async Task Relink_by_name_pattern_from_the_rules_file_finds_the_shot_by_its_clip_name()
    {
        // Given a plate named after the shot, and a clip whose name starts with the shot id
        var plate = TestMedia.Make(_tree["plates/sh020_plate_main.mov"], 48);
        TestMedia.Make(_tree["plates/sh030_plate_main.mov"], 48);
        var cut = new Cut();
        cut.Add("sh020 plate (fixed)", url: null, "01:00:00:00", 24);
        var input = cut.Write(_tree["cut.otio"]);
        var rulesPath = _tree["rules.json"];
        File.WriteAllText(rulesPath, """
            {
              // the shot id from the clip name names the plate
              "namePatterns": [ { "clip": "^(?<shot>sh\\d{3})", "file": "${shot}_plate_*.mov" } ]
            }
            """);

        var report = await new ConformRunner().RunAsync(new ConformRequest
        {
            TimelinePath = input,
            SearchDirectories = [_tree["plates"]],
            RulesPath = rulesPath,
            OutputPath = _tree["out/cut.otio"],
        });

        var result = Assert.Single(report.Clips);
        Assert.Equal(ConformMethod.NamePattern, result.Method);
        Assert.Equal(plate, result.MediaPath);
        Assert.True(result.Conformed);
    }

    [Fact]
    public async Task A_clip_whose_media_exists_and_matches_is_left_alone()
    {
        // Given media that is where the timeline says, and a copy of it in the search tree
        var media = TestMedia.Make(_tree["media/A002C001.mov"], 48);
        TestMedia.Make(_tree["search/A002C001.mov"], 48);
        var cut = new Cut();
        var url = "media/A002C001.mov";
        cut.Add("kept", url, "01:00:00:00", 24, reference: new ExternalReference(url, new TimeRange(new RationalTime(86400, 24), new RationalTime(48, 24))));
        var input = cut.Write(_tree["cut.otio"]);

        var report = await Conform(input, [_tree["search"]], output: _tree["cut.conformed.otio"]);

        // Then nothing changes: the same URL, no conform note, and the report says so
        var result = Assert.Single(report.Clips);
        Assert.Equal(ConformMethod.Existing, result.Method);
        Assert.False(result.Changed);
        Assert.Equal(media, result.MediaPath);
        var written = Assert.Single(Cut.ClipsOf(_tree["cut.conformed.otio"]));
        var reference = Assert.IsType<ExternalReference>(written.MediaReference);
        Assert.Equal(url, reference.TargetUrl);
        Assert.False(reference.Metadata.ContainsKey(ConformRunner.MetadataNamespace));
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public async Task Paths_with_spaces_and_non_ascii_letters_are_found_and_written_back_exactly()
    {
        // Given "Schnitt Ü/sh010 été.mov" and a clip naming it by a percent-encoded URL on another volume
        var media = TestMedia.Make(_tree["Schnitt Ü/sh010 été.mov"], 48);
        var cut = new Cut();
        cut.Add("sh010 été", "file:///Volumes/Alt%20Platte/sh010%20%C3%A9t%C3%A9.mov", "01:00:00:00", 24);
        cut.Add("sh010 plain", "/Volumes/Alt Platte/sh010 été.mov", "01:00:00:10", 12);
        var input = cut.Write(_tree["Projekt Ä/cut ö.otio"]);

        var report = await Conform(input, [_tree["Schnitt Ü"]], output: _tree["Ausgabe é/cut ö.otio"]);

        Assert.All(report.Clips, c => Assert.True(c.Conformed, string.Join("; ", c.Problems.Select(p => p.Message))));
        var written = Cut.ClipsOf(_tree["Ausgabe é/cut ö.otio"]);
        var url = Assert.IsType<ExternalReference>(written[0].MediaReference).TargetUrl;
        Assert.Equal(media, OtioBundle.FileFromUrl(url));
        // A plain path in the input stays a plain path (what Resolve writes and reads)
        Assert.Equal(media, Assert.IsType<ExternalReference>(written[1].MediaReference).TargetUrl);
    }

    private Task<ConformReport> Conform(string input, string[] search, ConformRules? rules = null, string? output = null, int handles = 0) =>
        new ConformRunner().RunAsync(new ConformRequest
        {
            TimelinePath = input,
            SearchDirectories = search,
            Rules = rules,
            Handles = handles,
            OutputPath = output ?? _tree["out/cut.otio"],
        });
}
