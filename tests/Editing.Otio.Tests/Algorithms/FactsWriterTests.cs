using System.Text.Json;
using Editing.Otio.Algorithms;
using Editing.Otio.Schema;
using static Editing.Otio.Tests.Algorithms.AlgorithmTestData;

namespace Editing.Otio.Tests.Algorithms;

public sealed class FactsWriterTests
{
    [Theory]
    [InlineData(24.0, "24")]
    [InlineData(-0.0, "0")]
    [InlineData(0.5, "0.5")]
    [InlineData(-1.25, "-1.25")]
    [InlineData(24000.0 / 1001.0, "23.976023976023978")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.5e-10, "1.5e-10")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1234567.125, "1234567.125")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Doubles_are_written_in_the_oracle_spelling(double value, string expected)
    {
        Assert.Equal(expected, FactsWriter.FormatDouble(value));
    }

    [Fact]
    public void A_timeline_gets_the_fixed_header_and_key_order()
    {
        var (a, t, b) = (ClipOf("A", 100, 24), Dissolve("T", 6, 4), ClipOf("B", 200, 30));
        var timeline = TimelineOf(TrackOf("V1", a, t, b));
        var text = FactsWriter.Write(timeline, "example.otio");
        Assert.EndsWith("}\n", text);
        Assert.StartsWith("{\n  \"oracle\": \"otio-oracle facts 1\",\n", text);

        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement.GetProperty("root");
        Assert.Equal(
            ["schema", "name", "global_start_time", "duration", "metadata_keys", "video_track_count", "audio_track_count", "clip_count", "tracks", "flatten_video_tracks"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("clip_count").GetInt32());

        var children = root.GetProperty("tracks").GetProperty("children")[0].GetProperty("children");
        var transition = children[1];
        Assert.True(transition.GetProperty("visible").GetBoolean());
        Assert.Equal(18, transition.GetProperty("range_in_parent").GetProperty("start_time").GetProperty("value").GetDouble());
        var clipB = children[2];
        Assert.Equal(194, clipB.GetProperty("visible_range").GetProperty("start_time").GetProperty("value").GetDouble());
        Assert.Equal(6, clipB.GetProperty("handles").GetProperty("in").GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.Null, clipB.GetProperty("handles").GetProperty("out").ValueKind);
    }

    [Fact]
    public void Refusals_are_written_with_the_reference_kind_and_details()
    {
        var text = FactsWriter.Write(new Clip { Name = "c" }, "c.otio");
        using var doc = JsonDocument.Parse(text);
        var available = doc.RootElement.GetProperty("root").GetProperty("root").GetProperty("available_range");
        Assert.Equal("CANNOT_COMPUTE_AVAILABLE_RANGE", available.GetProperty("error").GetString());
        Assert.Equal("No available_range set on media reference on clip", available.GetProperty("details").GetString());
    }

    [Fact]
    public void Non_composable_roots_report_schema_and_name()
    {
        var text = FactsWriter.Write(new Effect { Name = "fx" }, "fx.json");
        Assert.Contains("\"root\": {\n    \"schema\": \"Effect.1\",\n    \"name\": \"fx\"\n  }\n}\n", text);
    }
}
