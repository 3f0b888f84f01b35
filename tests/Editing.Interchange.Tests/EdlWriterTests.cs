using Editing.Interchange.Edl;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Interchange.Tests;

/// <summary>The EDL writer on timelines built here (no shared data needed).</summary>
public sealed class EdlWriterTests
{
    private static Clip ClipOf(string name, string url, double start, double frames)
        => new(name, new ExternalReference(url), new TimeRange(new RationalTime(start, 24), new RationalTime(frames, 24)));

    private static Timeline OneTrack(params Composable[] items)
    {
        var track = new Track { Name = "V" };
        track.Children.AddRange(items);
        var t = new Timeline("cut");
        t.Tracks!.Children.Add(track);
        return t;
    }

    [Fact]
    public void Writes_title_events_and_comments_in_the_avid_layout()
    {
        var edl = CmxEdl.Write(OneTrack(ClipOf("shot 1", "/media/A001C003.mov", 86400, 24)));

        Assert.Equal(
            "TITLE: cut\n\n"
            + "001  A001C003 V     C        01:00:00:00 01:00:01:00 00:00:00:00 00:00:01:00\n"
            + "* FROM CLIP NAME:  shot 1\n"
            + "* FROM CLIP: /media/A001C003.mov\n"
            + "* OTIO TRUNCATED REEL NAME FROM: A001C003.mov\n",
            edl);
    }

    [Fact]
    public void Long_reel_names_are_stripped_and_cut_to_eight_characters()
    {
        var edl = CmxEdl.Write(OneTrack(ClipOf("c", "/var/tmp/test_a_really_really_long_filename.mov", 0, 5)));

        Assert.Contains("001  testarea V     C", edl, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeping_long_reel_names_warns()
    {
        var warnings = new List<string>();
        var edl = CmxEdl.Write(OneTrack(ClipOf("c", "/var/tmp/test_a_really_really_long_filename.mov", 0, 5)),
            new EdlWriteOptions { ReelNameLength = null, Warn = warnings.Add });

        Assert.Contains("001  test_a_really_really_long_filename V     C", edl, StringComparison.Ordinal);
        Assert.DoesNotContain("TRUNCATED", edl, StringComparison.Ordinal);
        Assert.Contains("longer than 8", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_two_enabled_video_tracks_unless_asked_to_flatten()
    {
        var t = OneTrack(ClipOf("a", "/m/a.mov", 0, 24));
        var top = new Track { Name = "V2" };
        top.Children.Add(new Gap { SourceRange = new TimeRange(new RationalTime(0, 24), new RationalTime(12, 24)) });
        top.Children.Add(ClipOf("b", "/m/b.mov", 100, 12));
        t.Tracks!.Children.Add(top);

        var e = Assert.Throws<InterchangeException>(() => CmxEdl.Write(t));
        Assert.Equal(InterchangeErrorKind.NotSupported, e.Kind);
        Assert.Contains("only a single video track is supported, got: 2", e.Message, StringComparison.Ordinal);

        var flat = CmxEdl.Write(t, new EdlWriteOptions { FlattenVideoTracks = true });
        Assert.Contains("001  a        V     C        00:00:00:00 00:00:00:12 00:00:00:00 00:00:00:12", flat, StringComparison.Ordinal);
        Assert.Contains("002  b        V     C        00:00:04:04 00:00:04:16 00:00:00:12 00:00:01:00", flat, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disabled_second_video_track_is_not_counted_and_disabled_clips_are_skipped()
    {
        var first = ClipOf("a", "/m/a.mov", 0, 3);
        first.Enabled = false;
        var t = OneTrack(first, ClipOf("b", "/m/b.mov", 3, 3));
        var off = new Track { Name = "V2", Enabled = false };
        t.Tracks!.Children.Add(off);

        var edl = CmxEdl.Write(t);

        Assert.Contains("001  b        V     C        00:00:00:03 00:00:00:06 00:00:00:03 00:00:00:06", edl, StringComparison.Ordinal);
        Assert.DoesNotContain("002", edl, StringComparison.Ordinal);
    }

    [Fact]
    public void Speed_and_freeze_effects_write_m2_lines()
    {
        var fast = ClipOf("fast", "/m/f.mov", 0, 10);
        fast.Effects.Add(new LinearTimeWarp { EffectName = "LinearTimeWarp", TimeScalar = 2 });
        var still = ClipOf("still", "/m/s.mov", 48, 10);
        still.Effects.Add(new FreezeFrame());

        var edl = CmxEdl.Write(OneTrack(fast, still));

        Assert.Contains("001  f        V     C        00:00:00:00 00:00:00:05 00:00:00:00 00:00:00:10\nM2   fast\t\t48.0\t\t\t00:00:00:00\n", edl, StringComparison.Ordinal);
        Assert.Contains("002  s        V     C        00:00:02:00 00:00:02:01 00:00:00:10 00:00:00:20\nM2   still\t\t0.0\t\t\t00:00:02:00\n* FROM CLIP NAME:  still FF\n* * FREEZE FRAME\n", edl, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_timing_effects_on_a_clip_are_refused()
    {
        var clip = ClipOf("x", "/m/x.mov", 0, 10);
        clip.Effects.Add(new LinearTimeWarp { EffectName = "LinearTimeWarp", TimeScalar = 2 });
        clip.Effects.Add(new FreezeFrame());

        var e = Assert.Throws<InterchangeException>(() => CmxEdl.Write(OneTrack(clip)));
        Assert.Contains("only allows one timing effect", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EdlStyle.Nucoda, "001  test     V     C", "* FROM FILE: S:/var/tmp/test.exr")]
    [InlineData(EdlStyle.Premiere, "001  AX       V     C", "* OTIO REFERENCE FROM: S:/var/tmp/test.exr")]
    public void Styles_change_the_reel_and_media_comment(EdlStyle style, string eventStart, string mediaLine)
    {
        var edl = CmxEdl.Write(OneTrack(ClipOf("test clip1", "S:\\var\\tmp\\test.exr", 0, 5)), new EdlWriteOptions { Style = style });

        Assert.Contains(eventStart, edl, StringComparison.Ordinal);
        Assert.Contains(mediaLine + "\n", edl, StringComparison.Ordinal);
    }

    [Fact]
    public void Markers_and_cdl_are_written_as_loc_and_asc_comments()
    {
        var clip = ClipOf("graded", "/m/g.mov", 86400, 24);
        clip.Markers.Add(new Marker { Name = "fix me", MarkedRange = new TimeRange(new RationalTime(86410, 24)), Color = Color.Pink });
        clip.Metadata["cdl"] = new OtioDictionary
        {
            ["asc_sat"] = 0.9,
            ["asc_sop"] = new OtioDictionary { ["slope"] = new OtioList { 0.1, 0.2, 0.3 }, ["offset"] = new OtioList { 1.0, -0.0122, 0.0 }, ["power"] = new OtioList { 1.0, 1.0, 1.0 } },
        };

        var edl = CmxEdl.Write(OneTrack(clip));

        Assert.Contains("*ASC_SOP (0.1 0.2 0.3) (1.0 -0.0122 0.0) (1.0 1.0 1.0)\n*ASC_SAT 0.9\n* LOC: 01:00:00:10 PINK    FIX ME\n", edl, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_then_write_restores_record_timecodes_from_the_track_offset()
    {
        const string Edl = "TITLE: offset\n\n"
            + "001  SHOT1    V     C        00:10:00:00 00:10:01:00 10:00:00:00 10:00:01:00\n"
            + "002  SHOT2    V     C        00:20:00:00 00:20:01:00 10:00:02:00 10:00:03:00\n";

        var written = CmxEdl.Write(CmxEdl.Read(Edl));

        Assert.Contains("001  SHOT1    V     C        00:10:00:00 00:10:01:00 10:00:00:00 10:00:01:00\n", written, StringComparison.Ordinal);
        Assert.Contains("002  SHOT2    V     C        00:20:00:00 00:20:01:00 10:00:02:00 10:00:03:00\n", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_does_not_change_the_timeline()
    {
        var t = CmxEdl.Read("""
            001  TST V     C        01:00:04:05 01:00:04:14 01:00:00:00 01:00:00:09
            002  TST V     C        01:00:04:14 01:00:04:14 01:00:00:09 01:00:00:09
            002  TST V     D    010 01:00:08:08 01:00:08:18 01:00:00:09 01:00:00:19
            """);
        var before = Editing.Otio.Serialization.OtioJson.WriteString(t);

        CmxEdl.Write(t, new EdlWriteOptions { Style = EdlStyle.Premiere });

        Assert.Equal(before, Editing.Otio.Serialization.OtioJson.WriteString(t));
    }

    [Fact]
    public void Unknown_style_names_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => EdlStyles.Parse("bogus"));
        Assert.Contains("'bogus' is not supported", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_file_is_atomic_and_leaves_nothing_behind_on_refusal()
    {
        var dir = Directory.CreateTempSubdirectory("edl-");
        try
        {
            var path = Path.Combine(dir.FullName, "out.edl");
            CmxEdl.WriteFile(OneTrack(ClipOf("a", "/m/a.mov", 0, 24)), path);
            Assert.StartsWith("TITLE: cut", File.ReadAllText(path), StringComparison.Ordinal);

            var two = OneTrack(ClipOf("a", "/m/a.mov", 0, 24));
            two.Tracks!.Children.Add(new Track { Name = "V2" });
            var refused = Path.Combine(dir.FullName, "refused.edl");
            Assert.Throws<InterchangeException>(() => CmxEdl.WriteFile(two, refused));
            Assert.Equal(["out.edl"], dir.GetFiles().Select(f => f.Name));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
