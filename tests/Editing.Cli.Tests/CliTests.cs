using System.Text.Json;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly DirectoryInfo _dir = EditingProcess.TempDir();

    public void Dispose() => _dir.Delete(recursive: true);

    private string Temp(string name) => Path.Combine(_dir.FullName, name);

    [Fact]
    public void Inspect_lists_tracks_clips_and_flags_missing_media()
    {
        var r = EditingProcess.Run("inspect", EditingProcess.Sample);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("'Demo cut v3'", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 (2 video, 1 audio)", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("MISSING file:///media/demo/A001C003_241021.mov", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("marker 'REPLACE: generate shot'", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_json_gives_tracks_items_and_computed_ranges()
    {
        var r = EditingProcess.Run("inspect", EditingProcess.Sample, "--json");

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var tracks = doc.RootElement.GetProperty("tracks");
        Assert.Equal(3, tracks.GetArrayLength());
        var firstClip = tracks[0].GetProperty("items")[0];
        Assert.Equal("A001C003", firstClip.GetProperty("name").GetString());
        Assert.True(firstClip.GetProperty("media_missing").GetBoolean());
        Assert.Equal(48, firstClip.GetProperty("source_range").GetProperty("duration").GetProperty("value").GetDouble());
    }

    [Fact]
    public void Convert_to_otioz_and_back_keeps_the_timeline_byte_for_byte()
    {
        var canonical = Temp("cut.otio");
        var bundle = Temp("cut.otioz");
        var back = Temp("back.otio");

        Assert.Equal(0, EditingProcess.Run("convert", EditingProcess.Sample, canonical).ExitCode);
        var toBundle = EditingProcess.Run("convert", canonical, bundle, "--media-policy", "missing-if-not-file");
        Assert.Equal(0, toBundle.ExitCode);
        Assert.Equal(0, EditingProcess.Run("convert", bundle, back).ExitCode);

        var original = (Timeline)OtioJson.ReadFile(canonical);
        var again = (Timeline)OtioJson.ReadFile(back);
        Assert.Equal(original.Name, again.Name);
        Assert.Equal(CountClips(original), CountClips(again));
    }

    [Fact]
    public void Convert_to_latest_writes_marker_3()
    {
        var output = Temp("cut.latest.otio");

        var r = EditingProcess.Run("convert", EditingProcess.Sample, output, "--target", "latest");

        Assert.Equal(0, r.ExitCode);
        var text = File.ReadAllText(output);
        Assert.Contains("\"Marker.3\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Marker.2\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_refuses_to_overwrite_its_input_with_a_usage_error()
    {
        var copy = Temp("cut.otio");
        File.Copy(EditingProcess.Sample, copy);
        var before = File.ReadAllBytes(copy);

        var r = EditingProcess.Run("convert", copy, copy);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("refusing to overwrite the input", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    [Fact]
    public void Convert_with_an_unknown_target_is_a_usage_error()
    {
        var r = EditingProcess.Run("convert", EditingProcess.Sample, Temp("x.otio"), "--target", "0.9");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("unknown write target", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Temp("x.otio")));
    }

    [Fact]
    public void Convert_of_malformed_input_exits_2_with_file_line_and_column_and_writes_nothing()
    {
        var bad = Temp("bad.otio");
        File.WriteAllText(bad, "{\"OTIO_SCHEMA\": \"Timeline.1\",\n \"tracks\": [1, }");

        var r = EditingProcess.Run("convert", bad, Temp("out.otio"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{bad}:2:", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("JSON_PARSE_ERROR", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Temp("out.otio")));
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_input_file_exits_2_naming_it()
    {
        var r = EditingProcess.Run("inspect", Temp("nope.otio"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("nope.otio", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_verb_is_a_usage_error()
    {
        var r = EditingProcess.Run("frobnicate");

        Assert.Equal(1, r.ExitCode);
    }

    [Fact]
    public void Validate_accepts_the_sample_with_warnings_only()
    {
        var r = EditingProcess.Run("validate", EditingProcess.Sample);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("valid", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("media is missing", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_every_structural_problem_and_exits_2()
    {
        var track = new Track { Name = "V1" };
        var rt = (double v) => new Editing.Otio.OpenTime.RationalTime(v, 24);
        track.Children.Add(new Clip("short", null, new Editing.Otio.OpenTime.TimeRange(rt(0), rt(4))));
        track.Children.Add(new Transition { Name = "too long", InOffset = rt(10), OutOffset = rt(2) });
        track.Children.Add(new Transition { Name = "second", InOffset = rt(1), OutOffset = rt(1) });
        var noRange = new Clip("no range");
        track.Children.Add(noRange);
        var timeline = new Timeline("broken");
        timeline.Tracks!.Children.Add(track);
        var path = Temp("broken.otio");
        OtioJson.WriteFile(timeline, path);

        var r = EditingProcess.Run("validate", path, "--json");

        Assert.Equal(2, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var messages = doc.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains("reaches", StringComparison.Ordinal) && m.Contains("'short'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("next to another transition", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("'no range'", StringComparison.Ordinal) && m.Contains("cannot be computed", StringComparison.Ordinal));
        Assert.Contains(doc.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetProperty("path").GetString() == "tracks.children[0].children[1]");
    }

    [Fact]
    public void Validate_of_a_malformed_file_reports_the_place_and_exits_2()
    {
        var bad = Temp("bad.otio");
        File.WriteAllText(bad, "{\"OTIO_SCHEMA\": \"Track.1\", \"children\": []}");

        var r = EditingProcess.Run("validate", bad);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("KEY_NOT_FOUND", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("kind", r.Stderr, StringComparison.Ordinal);
    }

    private static int CountClips(Timeline t)
        => t.Tracks!.Children.OfType<Track>().Sum(tr => tr.Children.OfType<Clip>().Count());
}
