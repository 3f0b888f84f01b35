using System.Text;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Otio.Tests.Serialization;

public sealed class OtioJsonReaderTests
{
    private const string SmallTimeline = """
        {"OTIO_SCHEMA": "Timeline.1", "name": "cut", "global_start_time": null,
         "tracks": {"OTIO_SCHEMA": "Stack.1", "children": [
           {"OTIO_SCHEMA": "Track.1", "kind": "Video", "children": [
             {"OTIO_SCHEMA": "Clip.2", "name": "a", "source_range": {"OTIO_SCHEMA": "TimeRange.1",
                "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0},
                "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 10}},
              "media_references": {}, "active_media_reference_key": "DEFAULT_MEDIA"}]}]}}
        """;

    [Fact]
    public void Reads_a_timeline_with_parents_linked()
    {
        var t = (Timeline)OtioJson.ReadString(SmallTimeline);

        var track = (Track)t.Tracks!.Children[0];
        var clip = (Clip)track.Children[0];
        Assert.Same(track, clip.Parent);
        Assert.Same(t.Tracks, track.Parent);
        Assert.Equal(new TimeRange(new RationalTime(0, 24), new RationalTime(10, 24)), clip.SourceRange);
    }

    [Fact]
    public void Truncated_json_names_the_end_of_the_file_and_its_line()
    {
        var text = SmallTimeline[..(SmallTimeline.Length / 2)];

        var e = Assert.Throws<OtioReadException>(() => OtioJson.ReadString(text, "cut.otio"));

        Assert.Equal(OtioErrorKind.JsonParseError, e.Kind);
        Assert.Contains("end of file", e.Message, StringComparison.Ordinal);
        Assert.Equal("cut.otio", e.File);
        Assert.True(e.Line >= 3);
        Assert.StartsWith("tracks.children[0].children[0]", e.ObjectPath, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_type_names_the_object_path_line_and_column()
    {
        var text = SmallTimeline.Replace("\"kind\": \"Video\"", "\"kind\": 7", StringComparison.Ordinal);

        var e = Assert.Throws<OtioReadException>(() => OtioJson.ReadString(text, "cut.otio"));

        Assert.Equal(OtioErrorKind.TypeMismatch, e.Kind);
        Assert.Equal("tracks.children[0].kind", e.ObjectPath);
        Assert.Equal(3, e.Line);
        Assert.Equal(39, e.Column);
        Assert.Contains("cut.otio:3:39: TYPE_MISMATCH at tracks.children[0].kind: expected a string", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_keep_the_first_value_as_the_reference_does()
    {
        var root = (SerializableObjectWithMetadata)OtioJson.ReadString(
            """{"OTIO_SCHEMA": "Gap.1", "name": "first", "name": "second", "metadata": {"k": 1, "k": 2}}""");

        Assert.Equal("first", root.Name);
        Assert.Equal(1L, root.Metadata["k"]);
    }

    [Fact]
    public void Ten_thousand_levels_of_nesting_are_refused_cleanly_without_overflowing_the_stack()
    {
        var sb = new StringBuilder("""{"OTIO_SCHEMA": "Gap.1", "metadata": {"deep": """);
        sb.Append('[', 10_000).Append(']', 10_000).Append("}}");

        var e = Assert.Throws<OtioReadException>(() => OtioJson.ReadString(sb.ToString()));

        Assert.Equal(OtioErrorKind.JsonParseError, e.Kind);
        Assert.Contains("nesting deeper", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_limit_reads_and_writes_back()
    {
        var depth = 500;
        var sb = new StringBuilder("""{"OTIO_SCHEMA": "Gap.1", "metadata": {"deep": """);
        sb.Append('[', depth).Append(']', depth).Append("}}");

        var root = OtioJson.ReadString(sb.ToString());
        var written = OtioJson.WriteString(root, new OtioWriteOptions { Indent = 0 });

        Assert.Contains(new string('[', depth) + new string(']', depth), written, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_a_clear_error()
    {
        var e = Assert.Throws<OtioReadException>(() => OtioJson.ReadBytes([], "empty.otio"));

        Assert.Equal(OtioErrorKind.JsonParseError, e.Kind);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_refused_with_its_place()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"OTIO_SCHEMA": "Gap.1", "name": "ab"}""");
        var at = Array.IndexOf(bytes, (byte)'b');
        bytes[at] = 0xFF;

        var e = Assert.Throws<OtioReadException>(() => OtioJson.ReadBytes(bytes, "bad.otio"));

        Assert.Equal(OtioErrorKind.JsonParseError, e.Kind);
        Assert.Contains("invalid UTF-8", e.Message, StringComparison.Ordinal);
        Assert.Equal("name", e.ObjectPath);
    }

    [Fact]
    public void A_number_too_large_for_an_integer_field_is_a_type_mismatch()
    {
        var text = """
            {"OTIO_SCHEMA": "ImageSequenceReference.1", "target_url_base": "", "name_prefix": "", "name_suffix": "",
             "start_frame": 1e300, "frame_step": 1, "rate": 24, "frame_zero_padding": 4, "missing_frame_policy": "error"}
            """;

        var e = Assert.Throws<OtioReadException>(() => OtioJson.ReadString(text));

        Assert.Equal(OtioErrorKind.TypeMismatch, e.Kind);
        Assert.Equal("start_frame", e.ObjectPath);
    }

    [Fact]
    public void A_number_too_large_for_a_double_is_a_parse_error()
    {
        var e = Assert.Throws<OtioReadException>(() => OtioJson.ReadString("""{"OTIO_SCHEMA": "Gap.1", "metadata": {"x": 1e400}}"""));

        Assert.Equal(OtioErrorKind.JsonParseError, e.Kind);
        Assert.Contains("too big", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_keeps_integers_doubles_big_integers_and_non_finite_tokens()
    {
        var root = (SerializableObjectWithMetadata)OtioJson.ReadString(
            """{"OTIO_SCHEMA": "Gap.1", "metadata": {"i": 1, "d": 2.0, "u": 9223372036854775808, "max": 18446744073709551615, "n": NaN, "ninf": -Infinity, "inf": Inf}}""");
        var m = root.Metadata;

        Assert.Equal(1L, m["i"]);
        Assert.Equal(2.0, m["d"]);
        Assert.Equal(0L, m["u"]);
        Assert.Equal(long.MaxValue, m["max"]);
        Assert.True(double.IsNaN((double)m["n"]!));
        Assert.Equal(double.NegativeInfinity, m["ninf"]);
        var text = OtioJson.WriteString(root);
        Assert.Contains("\"d\": 2.0", text, StringComparison.Ordinal);
        Assert.Contains("\"i\": 1,", text, StringComparison.Ordinal);
        Assert.Contains("\"n\": NaN", text, StringComparison.Ordinal);
        Assert.Contains("\"inf\": Infinity", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_schemas_and_unknown_fields_survive_a_round_trip()
    {
        var text = """{"OTIO_SCHEMA": "Clip.2", "zz_studio_field": {"a": [1, 2.5, "x"]}, "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "MissingReference.1"}}, "active_media_reference_key": "DEFAULT_MEDIA", "metadata": {"take": {"OTIO_SCHEMA": "StudioTake.4", "id": 7}}}""";

        var clip = (Clip)OtioJson.ReadString(text);
        var again = (Clip)OtioJson.ReadString(OtioJson.WriteString(clip));

        Assert.True(again.DynamicFields.ContainsKey("zz_studio_field"));
        var take = Assert.IsType<UnknownSchema>(again.Metadata["take"]);
        Assert.Equal("StudioTake.4", take.OriginalSchema);
        Assert.Equal(7L, take.Data["id"]);
    }

    [Fact]
    public void Otio_schema_need_not_be_the_first_key()
    {
        var clip = OtioJson.ReadString("""{"name": "late", "metadata": {}, "media_references": {}, "active_media_reference_key": "", "OTIO_SCHEMA": "Clip.2"}""");

        Assert.Equal("late", Assert.IsType<Clip>(clip).Name);
    }

    [Fact]
    public void A_schema_newer_than_supported_is_refused()
    {
        var e = Assert.Throws<OtioReadException>(() => OtioJson.ReadString("""{"OTIO_SCHEMA": "Clip.3"}"""));

        Assert.Equal(OtioErrorKind.SchemaVersionUnsupported, e.Kind);
    }

    [Fact]
    public void A_schema_string_without_a_version_is_malformed()
    {
        var e = Assert.Throws<OtioReadException>(() => OtioJson.ReadString("""{"OTIO_SCHEMA": "Clip"}"""));

        Assert.Equal(OtioErrorKind.MalformedSchema, e.Kind);
    }

    [Fact]
    public void Clip_1_is_upgraded_to_clip_2_with_its_reference_under_default_media()
    {
        var clip = (Clip)OtioJson.ReadString("""{"OTIO_SCHEMA": "Clip.1", "media_reference": {"OTIO_SCHEMA": "ExternalReference.1", "target_url": "a.mov"}}""");

        Assert.Equal(Clip.DefaultMediaKey, clip.ActiveMediaReferenceKey);
        Assert.Equal("a.mov", Assert.IsType<ExternalReference>(clip.MediaReference).TargetUrl);
    }

    [Fact]
    public void Marker_2_colour_strings_upgrade_to_colours_and_write_back_unchanged_for_0_18()
    {
        var text = """{"OTIO_SCHEMA": "Marker.2", "color": "red", "marked_range": {"OTIO_SCHEMA": "TimeRange.1", "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 1}, "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0}}}""";

        var marker = (Marker)OtioJson.ReadString(text);

        Assert.Equal("Red", marker.Color!.Value.Name);
        Assert.Contains("\"color\": \"red\"", OtioJson.WriteString(marker), StringComparison.Ordinal);
        Assert.Contains("\"name\": \"Red\"", OtioJson.WriteString(marker, new OtioWriteOptions { Target = OtioWriteTarget.Latest }), StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_keys_are_written_in_utf8_byte_order()
    {
        var gap = new Gap();
        gap.Metadata["\uFFFD"] = 1L;
        gap.Metadata["\U0001F600"] = 2L;
        gap.Metadata["a"] = 3L;

        var text = OtioJson.WriteString(gap);

        var a = text.IndexOf("\"a\"", StringComparison.Ordinal);
        var bmp = text.IndexOf("\uFFFD", StringComparison.Ordinal);
        var astral = text.IndexOf("\U0001F600", StringComparison.Ordinal);
        Assert.True(a < bmp && bmp < astral, "a < U+FFFD < U+1F600 in UTF-8 byte order");
    }

    [Fact]
    public void Strings_are_escaped_like_the_reference()
    {
        var gap = new Gap { Name = "q\"b\\n\nt\tc\u0001/é" };

        var text = OtioJson.WriteString(gap);

        Assert.Contains("\"name\": \"q\\\"b\\\\n\\nt\\tc\\u0001/é\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_file_is_read_through_a_stream_in_pieces()
    {
        var track = new Track { Name = "long" };
        for (var i = 0; i < 3000; i++)
        {
            track.Children.Add(new Clip($"clip {i} {new string('x', i % 50)}", new ExternalReference($"file:///m/{i}.mov"), new TimeRange(new RationalTime(i, 24), new RationalTime(24, 24))));
        }
        var bytes = OtioJson.WriteBytes(track);
        using var stream = new MemoryStream(bytes);

        var again = (Track)OtioJson.Read(stream, "long.otio");

        Assert.Equal(3000, again.Children.Count);
        Assert.Equal(bytes, OtioJson.WriteBytes(again));
    }

    [Fact]
    public void Writing_a_file_replaces_it_atomically_and_leaves_no_temporary_file()
    {
        var dir = Directory.CreateTempSubdirectory("editing-otio-");
        try
        {
            var path = Path.Combine(dir.FullName, "cut.otio");
            File.WriteAllText(path, "old");

            OtioJson.WriteFile(new Timeline("new"), path);

            Assert.Contains("\"name\": \"new\"", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_is_a_file_open_error_naming_it()
    {
        var e = Assert.Throws<OtioReadException>(() => OtioJson.ReadFile("/nonexistent/cut.otio"));

        Assert.Equal(OtioErrorKind.FileOpenFailed, e.Kind);
        Assert.Contains("/nonexistent/cut.otio", e.Message, StringComparison.Ordinal);
    }
}
