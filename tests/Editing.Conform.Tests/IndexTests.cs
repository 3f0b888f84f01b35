using Editing.Conform.Index;
using Editing.Conform.Rules;

namespace Editing.Conform.Tests;

public sealed class IndexTests
{
    private static readonly string[] Files =
    [
        "/m/a/sh010_comp_v001.mov",
        "/m/a/sh010_comp_v002.mov",
        "/m/b/sh010_comp_v010.mov",
        "/m/b/SH020_COMP_V001.MOV",
        "/m/cam/A001_C003_0101AB.mov",
        "/m/cam/A001C003.mxf",
        "/m/cam/notes.txt",
        "/m/cam/A002C001.mov",
    ];

    private readonly MediaIndex _index = MediaIndex.Build(Files, ConformRules.Default);

    [Fact]
    public void Only_files_with_considered_extensions_are_indexed() =>
        Assert.Equal(7, _index.Count);

    [Fact]
    public void File_names_are_found_without_regard_to_case() =>
        Assert.Equal("/m/b/SH020_COMP_V001.MOV", Assert.Single(_index.WithName("sh020_comp_v001.mov")).FullPath);

    [Fact]
    public void All_versions_of_a_render_share_one_key_whatever_the_number()
    {
        var key = _index.WithName("sh010_comp_v001.mov")[0].VersionKey!;
        Assert.Equal("sh010_comp_v#.mov", key);
        Assert.Equal(new long[] { 1, 2, 10 }, _index.Versions(key).Select(f => f.Version!.Value.Number).Order());
    }

    [Fact]
    public void A_reel_matches_the_normalised_file_name_and_an_eight_character_reel_its_start()
    {
        Assert.Equal("/m/cam/A001C003.mxf", Assert.Single(_index.WithReel("a001-c003")).FullPath);
        Assert.Equal("/m/cam/A001_C003_0101AB.mov", Assert.Single(_index.WithReel("A001C0030101AB")).FullPath);
        Assert.Empty(_index.WithReel("A001"));
    }

    [Fact]
    public void An_eight_character_reel_falls_back_to_longer_names_only_when_no_name_is_exactly_the_reel()
    {
        var index = MediaIndex.Build(["/m/A001_C003_0101AB.mov"], ConformRules.Default);
        Assert.Equal("/m/A001_C003_0101AB.mov", Assert.Single(index.WithReel("A001C003")).FullPath);
    }

    [Theory]
    [InlineData("sh010_comp_v*.mov", 3)]
    [InlineData("SH0?0_*", 4)]
    [InlineData("*C003*", 2)]
    [InlineData("a002c001.mov", 1)]
    [InlineData("sh030*", 0)]
    public void Globs_match_file_names_without_case(string pattern, int count) =>
        Assert.Equal(count, _index.Matching(new FileGlob(pattern)).Count);

    [Fact]
    public void The_same_file_found_through_overlapping_search_folders_is_indexed_once()
    {
        var index = MediaIndex.Build(["/m/a/x.mov", "/m/a/x.mov"], ConformRules.Default);
        Assert.Equal(1, index.Count);
    }
}
