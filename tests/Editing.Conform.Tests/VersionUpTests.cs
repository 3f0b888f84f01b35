using Editing.Conform.Reports;
using Editing.Conform.Rules;
using Editing.Conform.Tests.Support;
using Editing.Otio.Bundles;
using Editing.Otio.Schema;

namespace Editing.Conform.Tests;

/// <summary>Moving VFX shots to the newest version found, keeping the cut's in and out.</summary>
public sealed class VersionUpTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Version_up_moves_v001_to_the_newest_v003_keeping_padding_and_the_cut()
    {
        // Given v001 in the cut, v002 and v003 published, and an unpadded v3 copy elsewhere
        var v001 = TestMedia.Make(_tree["vfx/sh010/v001/sh010_comp_v001.mov"], 48);
        TestMedia.Make(_tree["vfx/sh010/v002/sh010_comp_v002.mov"], 48);
        var v003 = TestMedia.Make(_tree["vfx/sh010/v003/sh010_comp_v003.mov"], 48);
        TestMedia.Make(_tree["vfx/loose/sh010_comp_v3.mov"], 48);
        var cut = new Cut();
        var clip = cut.Add("sh010", OtioBundle.FileUrlFromPath(v001), "01:00:00:08", 30);
        var input = cut.Write(_tree["cut.otio"]);

        var report = await new ConformRunner().RunAsync(new ConformRequest
        {
            TimelinePath = input,
            SearchDirectories = [_tree["vfx"]],
            OutputPath = _tree["out.otio"],
        });

        // Then the shot points at v003 (three digits, as cut), old -> new is reported, and in/out are unchanged
        var result = Assert.Single(report.Clips);
        Assert.True(result.Conformed, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(v003, result.MediaPath);
        Assert.Equal("v001", result.VersionFrom);
        Assert.Equal("v003", result.VersionTo);
        var written = Assert.Single(Cut.ClipsOf(_tree["out.otio"]));
        var reference = Assert.IsType<ExternalReference>(written.MediaReference);
        Assert.Equal(v003, OtioBundle.FileFromUrl(reference.TargetUrl));
        Assert.Equal(clip.SourceRange, written.SourceRange);
        var note = Assert.IsType<OtioDictionary>(Assert.IsType<OtioDictionary>(reference.Metadata["editing"])["conform"]);
        Assert.Equal("v001", note["version_from"]);
        Assert.Equal("v003", note["version_to"]);
        Assert.Equal(OtioBundle.FileUrlFromPath(v001), note["previous_target_url"]);
    }

    [Fact]
    public async Task Versions_compare_as_numbers_so_v010_is_newer_than_v009()
    {
        var v009 = TestMedia.Make(_tree["vfx/sh020_comp_v009.mov"], 48);
        var v010 = TestMedia.Make(_tree["vfx/sh020_comp_v010.mov"], 48);
        var cut = new Cut();
        cut.Add("sh020", v009, "01:00:00:00", 24);
        var input = cut.Write(_tree["cut.otio"]);

        var report = await new ConformRunner().RunAsync(new ConformRequest { TimelinePath = input, SearchDirectories = [_tree["vfx"]], OutputPath = _tree["out.otio"] });

        Assert.Equal(v010, Assert.Single(report.Clips).MediaPath);
    }

    [Fact]
    public async Task A_configured_version_pattern_finds_versions_written_differently()
    {
        // Given versions written as ".V3" and a rules file saying so
        TestMedia.Make(_tree["vfx/sh030.comp.V1.mov"], 48);
        var v4 = TestMedia.Make(_tree["vfx/sh030.comp.V4.mov"], 48);
        var cut = new Cut();
        cut.Add("sh030", "/gone/sh030.comp.V1.mov", "01:00:00:00", 24);
        var input = cut.Write(_tree["cut.otio"]);
        var rules = new ConformRules { VersionPattern = new System.Text.RegularExpressions.Regex(@"\.V(?<version>\d+)$") };

        var report = await new ConformRunner().RunAsync(new ConformRequest { TimelinePath = input, SearchDirectories = [_tree["vfx"]], Rules = rules, OutputPath = _tree["out.otio"] });

        var result = Assert.Single(report.Clips);
        Assert.Equal(v4, result.MediaPath);
        Assert.Equal("V1", result.VersionFrom);
        Assert.Equal("V4", result.VersionTo);
    }

    [Fact]
    public async Task Without_prefer_newest_the_version_in_the_cut_is_kept()
    {
        var v001 = TestMedia.Make(_tree["vfx/sh040_comp_v001.mov"], 48);
        TestMedia.Make(_tree["vfx/sh040_comp_v002.mov"], 48);
        var cut = new Cut();
        cut.Add("sh040", v001, "01:00:00:00", 24);
        var input = cut.Write(_tree["cut.otio"]);

        var report = await new ConformRunner().RunAsync(new ConformRequest
        {
            TimelinePath = input,
            SearchDirectories = [_tree["vfx"]],
            Rules = new ConformRules { PreferNewestVersion = false },
            OutputPath = _tree["out.otio"],
        });

        var result = Assert.Single(report.Clips);
        Assert.Equal(v001, result.MediaPath);
        Assert.Null(result.VersionTo);
        Assert.False(result.Changed);
        Assert.Equal(ConformMethod.Existing, result.Method);
    }
}
