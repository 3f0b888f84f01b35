using Editing.Conform.Reports;
using Editing.Conform.Tests.Support;

namespace Editing.Conform.Tests;

/// <summary>A host can read other formats (EDL, FCP 7 XML) through <see cref="ConformRunner.ReadTimeline"/>.</summary>
public sealed class TimelineReaderTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task A_timeline_from_a_host_reader_is_conformed_like_an_otio_file()
    {
        var media = TestMedia.Make(_tree["media/N001C001.mov"], 48);
        var cut = new Cut();
        cut.Add("N001C001", url: null, "01:00:00:00", 24, reel: "N001C001");
        File.WriteAllText(_tree["cut.edl"], "TITLE: stands for an EDL the host reads\n");
        var runner = new ConformRunner { ReadTimeline = _ => cut.Timeline };

        var report = await runner.RunAsync(new ConformRequest { TimelinePath = _tree["cut.edl"], SearchDirectories = [_tree["media"]], OutputPath = _tree["cut.otio"] });

        var clip = Assert.Single(report.Clips);
        Assert.Equal(ConformMethod.ReelTimecode, clip.Method);
        Assert.Equal(media, clip.MediaPath);
        Assert.True(File.Exists(_tree["cut.otio"]));
    }

    [Fact]
    public async Task A_host_reader_error_is_bad_input_with_its_message()
    {
        Directory.CreateDirectory(_tree["media"]);
        var path = _tree["cut.edl"];
        var runner = new ConformRunner { ReadTimeline = p => throw new InvalidDataException($"{p}:3: event 002 has no source out") };

        var error = await Assert.ThrowsAsync<ConformInputException>(() => runner.RunAsync(new ConformRequest { TimelinePath = path, SearchDirectories = [_tree["media"]], OutputPath = _tree["cut.otio"] }));

        Assert.Equal($"{path}:3: event 002 has no source out", error.Message);
        Assert.False(File.Exists(_tree["cut.otio"]));
    }
}
