using Editing.Conform.Reports;
using Editing.Conform.Tests.Support;
using Editing.Otio;
using Editing.Otio.Bundles;
using Editing.Otio.Schema;

namespace Editing.Conform.Tests;

/// <summary>Timelines read from bundles: <c>.otiod</c> media resolve inside the bundle; <c>.otioz</c> media are found by name.</summary>
public sealed class BundleTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Media_inside_an_otiod_bundle_resolve_against_the_bundle_and_are_kept()
    {
        // Given an .otiod whose media/ holds the clip's file
        var media = TestMedia.Make(_tree["src/M001C001.mov"], 48);
        var cut = new Cut();
        cut.Add("bundled", OtioBundle.FileUrlFromPath(media), "01:00:00:00", 24);
        TimelineFile.Write(cut.Timeline, _tree["cut.otiod"]);
        Directory.CreateDirectory(_tree["empty"]);

        var report = await new ConformRunner().RunAsync(new ConformRequest
        {
            TimelinePath = _tree["cut.otiod"],
            SearchDirectories = [_tree["empty"]],
            OutputPath = _tree["out/cut.otio"],
        });

        // Then the bundle's copy is the existing media, and the written .otio still points at it
        var clip = Assert.Single(report.Clips);
        Assert.Equal(ConformMethod.Existing, clip.Method);
        Assert.Equal(Path.Combine(_tree["cut.otiod"], "media", "M001C001.mov"), clip.MediaPath);
        var written = Assert.Single(Cut.ClipsOf(_tree["out/cut.otio"]));
        var url = Assert.IsType<ExternalReference>(written.MediaReference).TargetUrl;
        Assert.Equal(clip.MediaPath, Path.GetFullPath(Path.Combine(_tree["out"], url)));
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public async Task Media_of_an_otioz_archive_are_found_by_name_in_the_search_folders()
    {
        var media = TestMedia.Make(_tree["src/M002C001.mov"], 48);
        var copy = TestMedia.Make(_tree["search/M002C001.mov"], 48);
        var cut = new Cut();
        cut.Add("zipped", OtioBundle.FileUrlFromPath(media), "01:00:00:00", 24);
        TimelineFile.Write(cut.Timeline, _tree["cut.otioz"]);

        var report = await new ConformRunner().RunAsync(new ConformRequest
        {
            TimelinePath = _tree["cut.otioz"],
            SearchDirectories = [_tree["search"]],
            OutputPath = _tree["out/cut.otio"],
        });

        var clip = Assert.Single(report.Clips);
        Assert.Equal(ConformMethod.FileName, clip.Method);
        Assert.Equal(copy, clip.MediaPath);
        Assert.True(clip.Conformed);
    }
}
