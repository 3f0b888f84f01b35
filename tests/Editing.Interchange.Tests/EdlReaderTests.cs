using Editing.Interchange.Edl;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Interchange.Tests;

/// <summary>The EDL reader on small EDLs written here (no shared data needed).</summary>
public sealed class EdlReaderTests
{
    private static Track OnlyTrack(Timeline t) => Assert.IsType<Track>(Assert.Single(t.Tracks!.Children));

    [Fact]
    public void Cut_events_become_clips_named_from_comments_with_reel_metadata_and_record_offset_on_the_track()
    {
        var t = CmxEdl.Read("""
            TITLE:   two shots
            FCM: NON-DROP FRAME
            001  A001C003 V     C        01:00:00:00 01:00:01:00 10:00:00:00 10:00:01:00
            * FROM CLIP NAME:  sh010
            * SOURCE FILE: A001C003.mov
            002  AX       V     C        01:00:05:00 01:00:05:12 10:00:01:00 10:00:01:12
            * FROM CLIP: /media/sh020_v002.mov
            """);

        Assert.Equal("two shots", t.Name);
        var track = OnlyTrack(t);
        Assert.Equal("V", track.Name);
        Assert.Equal(Track.VideoKind, track.Kind);
        Assert.Equal(new TimeRange(new RationalTime(-864000, 24), new RationalTime(36, 24)), track.SourceRange);
        var a = Assert.IsType<Clip>(track.Children[0]);
        Assert.Equal("sh010", a.Name);
        Assert.Equal(new TimeRange(new RationalTime(86400, 24), new RationalTime(24, 24)), a.SourceRange);
        var cmx = Assert.IsType<OtioDictionary>(a.Metadata["cmx_3600"]);
        Assert.Equal("A001C003", cmx["reel"]);
        Assert.Equal(["SOURCE FILE: A001C003.mov"], Assert.IsType<OtioList>(cmx["comments"]).Cast<string>());
        Assert.IsType<MissingReference>(a.MediaReference);
        var b = Assert.IsType<Clip>(track.Children[1]);
        Assert.Equal("sh020_v002", b.Name);
        Assert.Equal("/media/sh020_v002.mov", Assert.IsType<ExternalReference>(b.MediaReference).TargetUrl);
        Assert.False(b.Metadata.ContainsKey("cmx_3600"), "reel AX is not recorded");
    }

    [Fact]
    public void Dissolve_becomes_a_transition_into_the_incoming_clip()
    {
        var t = CmxEdl.Read("""
            001  TST V     C        01:00:04:05 01:00:04:14 01:00:00:00 01:00:00:09
            * FROM CLIP NAME:  clip_A
            002  TST V     C        01:00:04:14 01:00:04:14 01:00:00:09 01:00:00:09
            002  TST V     D    010 01:00:08:08 01:00:08:18 01:00:00:09 01:00:00:19
            * FROM CLIP NAME:  clip_A
            * TO CLIP NAME:  clip_B
            """);

        var track = OnlyTrack(t);
        Assert.Equal(3, track.Children.Count);
        var transition = Assert.IsType<Transition>(track.Children[1]);
        Assert.Equal(Transition.SmpteDissolve, transition.TransitionType);
        Assert.Equal("SMPTE_Dissolve from clip_A to clip_B", transition.Name);
        Assert.Equal(new RationalTime(0, 24), transition.InOffset);
        Assert.Equal(new RationalTime(10, 24), transition.OutOffset);
        Assert.Equal("clip_B", Assert.IsType<Clip>(track.Children[2]).Name);
        Assert.Equal(new RationalTime(10, 24), ((Clip)track.Children[2]).SourceRange!.Value.Duration);
    }

    [Fact]
    public void Wipe_code_becomes_an_smpte_wipe_keeping_the_code_in_metadata()
    {
        var t = CmxEdl.Read("""
            001  TST V     C        01:00:04:05 01:00:04:14 01:00:00:00 01:00:00:09
            002  TST V     C        01:00:04:14 01:00:04:14 01:00:00:09 01:00:00:09
            002  TST V     W001    010 01:00:08:08 01:00:08:18 01:00:00:09 01:00:00:19
            """);

        var transition = Assert.IsType<Transition>(OnlyTrack(t).Children[1]);
        Assert.Equal("SMPTE_Wipe", transition.TransitionType);
        Assert.Equal("W001", ((OtioDictionary)transition.Metadata["cmx_3600"]!)["transition"]);
    }

    [Fact]
    public void M2_speed_becomes_a_linear_time_warp_and_freeze_frame_a_freeze()
    {
        var t = CmxEdl.Read("""
            001  Z682_156 V     C        01:00:10:21 01:00:10:22 01:08:30:00 01:08:30:17
            M2   Z682_156       000.0                01:00:10:21
            * FROM CLIP NAME:  Z682_156 (LAY3) FF
            * * FREEZE FRAME
            002  Z686_5A. V     C        01:00:06:00 01:00:08:22 01:08:30:17 01:08:32:05
            M2   Z686_5A.       047.6                01:00:06:00
            * FROM CLIP NAME:  fast
            """);

        var track = OnlyTrack(t);
        var freeze = Assert.IsType<Clip>(track.Children[0]);
        Assert.Equal("Z682_156 (LAY3)", freeze.Name);
        Assert.IsType<FreezeFrame>(Assert.Single(freeze.Effects));
        Assert.Equal(new RationalTime(17, 24), freeze.SourceRange!.Value.Duration);
        var fast = Assert.IsType<Clip>(track.Children[1]);
        var warp = Assert.IsType<LinearTimeWarp>(Assert.Single(fast.Effects));
        Assert.Equal(47.6 / 24, warp.TimeScalar);
        Assert.Equal("LinearTimeWarp", warp.EffectName);
        Assert.Equal(new RationalTime(36, 24), fast.SourceRange!.Value.Duration);
    }

    [Fact]
    public void Loc_comments_become_markers_with_their_colour()
    {
        var t = CmxEdl.Read("""
            001  ZZ100_50 V     C        01:00:10:01 01:00:14:20 00:59:58:00 01:00:02:19
            * LOC: 01:00:01:14 RED     ANIM FIX NEEDED
            * LOC: 01:00:02:14 PINK     ANIM FIX NEEDED
            * LOC: 01:00:03:00 MAUVE   odd colour
            """);

        var markers = Assert.IsType<Clip>(OnlyTrack(t).Children[0]).Markers;
        Assert.Equal(3, markers.Count);
        Assert.Equal("ANIM FIX NEEDED", markers[0].Name);
        Assert.Equal(new RationalTime(86438, 24), markers[0].MarkedRange.StartTime);
        Assert.Equal(Color.Red, markers[0].Color);
        Assert.Equal(Color.Pink, markers[1].Color);
        Assert.Equal(Color.Red, markers[2].Color);
        Assert.Equal("MAUVE", ((OtioDictionary)markers[2].Metadata["cmx_3600"]!)["color"]);
    }

    [Fact]
    public void Asc_sop_and_sat_go_to_cdl_metadata()
    {
        var t = CmxEdl.Read("""
            001  AX       V     C        01:00:04:05 01:00:05:12 00:00:00:00 00:00:01:07
            *ASC_SOP (0.1 0.2 0.3) (1.0 -0.0122 0.0305) (1.0 0.0 1.0)
            *ASC_SAT 0.9
            """);

        var cdl = Assert.IsType<OtioDictionary>(Assert.IsType<Clip>(OnlyTrack(t).Children[0]).Metadata["cdl"]);
        Assert.Equal(0.9, cdl["asc_sat"]);
        var sop = Assert.IsType<OtioDictionary>(cdl["asc_sop"]);
        Assert.Equal([0.1, 0.2, 0.3], Assert.IsType<OtioList>(sop["slope"]).Cast<double>());
        Assert.Equal([1.0, -0.0122, 0.0305], Assert.IsType<OtioList>(sop["offset"]).Cast<double>());
        Assert.Equal([1.0, 0.0, 1.0], Assert.IsType<OtioList>(sop["power"]).Cast<double>());
    }

    [Fact]
    public void Drop_frame_timecode_with_semicolons_counts_drop_frames_at_29_97()
    {
        var t = CmxEdl.Read("""
            FCM: DROP FRAME
            001  AX       V     C        00:01:00;02 00:01:00;12 00:00:00;00 00:00:00;10
            """, new EdlReadOptions { Rate = 30000.0 / 1001 });

        var clip = Assert.IsType<Clip>(OnlyTrack(t).Children[0]);
        // 00:01:00;02 drop-frame is frame 1800 (frames 00 and 01 of minute 1 do not exist).
        Assert.Equal(new RationalTime(1800, 30000.0 / 1001), clip.SourceRange!.Value.StartTime);
        Assert.Equal(10, clip.SourceRange.Value.Duration.Value);
    }

    [Fact]
    public void Audio_channels_go_to_their_own_tracks_each_with_a_copy_of_the_clip()
    {
        var t = CmxEdl.Read("""
            001  AX       B     C        00:00:00:00 00:00:01:00 00:00:00:00 00:00:01:00
            * FROM CLIP NAME: both
            002  AX       AA    C        00:00:00:00 00:00:01:00 00:00:01:00 00:00:02:00
            003  AX       A2/V  C        00:00:00:00 00:00:01:00 00:00:02:00 00:00:03:00
            """);

        var tracks = t.Tracks!.Children.Cast<Track>().ToList();
        Assert.Equal(["V", "A1", "A2"], tracks.Select(x => x.Name));
        Assert.Equal([Track.VideoKind, Track.AudioKind, Track.AudioKind], tracks.Select(x => x.Kind));
        Assert.Equal(2, tracks[0].Children.Count(c => c is Clip));
        Assert.Equal(2, tracks[1].Children.Count);
        Assert.NotSame(tracks[0].Children[0], tracks[1].Children[0]);
        // A2 starts at record 00:00:01:00: its own offset, not the video track's.
        Assert.Equal(new RationalTime(-24, 24), tracks[2].SourceRange!.Value.StartTime);
    }

    [Fact]
    public void Record_gaps_become_gap_items()
    {
        var t = CmxEdl.Read("""
            001  SHOT1    V     C        00:10:00:00 00:10:01:00 00:00:00:00 00:00:01:00
            002  SHOT2    V     C        23:00:00:00 23:00:01:00 00:00:01:16 00:00:02:16
            """);

        var gap = Assert.IsType<Gap>(OnlyTrack(t).Children[1]);
        Assert.Equal(new RationalTime(16, 24), gap.SourceRange!.Value.Duration);
        Assert.Null(OnlyTrack(t).SourceRange);
    }

    [Fact]
    public void Black_and_bars_reels_become_generator_references()
    {
        var t = CmxEdl.Read("""
            1 BL V C 00:00:00:00 00:00:01:00 00:00:00:00 00:00:01:00
            2 BARS V C 00:00:00:00 00:00:01:00 00:00:01:00 00:00:02:00
            """);

        var track = OnlyTrack(t);
        Assert.Equal("black", Assert.IsType<GeneratorReference>(((Clip)track.Children[0]).MediaReference).GeneratorKind);
        Assert.Equal("SMPTEBars", Assert.IsType<GeneratorReference>(((Clip)track.Children[1]).MediaReference).GeneratorKind);
        Assert.Equal("1", track.Children[0].Name);
    }

    [Fact]
    public void Bracketed_frame_ranges_become_image_sequence_references()
    {
        var t = CmxEdl.Read("""
            001  myimages V     C        01:00:01:00 01:00:02:12 00:00:00:00 00:00:01:12
            * FROM CLIP: /media/path/my_image_sequence.[1025-1060].ext
            002  myimages V     C        01:00:01:00 01:00:02:12 00:00:01:12 00:00:03:00
            * FROM CLIP: /media/path/my_image_file.[1025].ext
            """);

        var track = OnlyTrack(t);
        var seq = Assert.IsType<ImageSequenceReference>(((Clip)track.Children[0]).MediaReference);
        Assert.Equal("/media/path", seq.TargetUrlBase);
        Assert.Equal("my_image_sequence.", seq.NamePrefix);
        Assert.Equal(".ext", seq.NameSuffix);
        Assert.Equal(1025, seq.StartFrame);
        Assert.Equal(4, seq.FrameZeroPadding);
        Assert.Equal("my_image_sequence.[1025-1060]", track.Children[0].Name);
        Assert.IsType<ExternalReference>(((Clip)track.Children[1]).MediaReference);
    }

    [Fact]
    public void Frame_numbers_are_accepted_in_place_of_timecodes()
    {
        var t = CmxEdl.Read("1 CLPA V C     113 170 0 57");

        Assert.Equal(new TimeRange(new RationalTime(113, 24), new RationalTime(57, 24)), ((Clip)OnlyTrack(t).Children[0]).SourceRange);
    }

    [Theory]
    [InlineData("001  AX V C 01:00:00:00 01:00:01:00 00:00:00:00", 1, 1, "incorrect number of fields [7]")]
    [InlineData("001  AX V X 01:00:00:00 01:00:01:00 00:00:00:00 00:00:01:00", 1, 11, "incorrect edit type X")]
    [InlineData("001  AX V C 01:00:00:00 01:00:01:24 00:00:00:00 00:00:01:00", 1, 25, "frames beyond 23")]
    [InlineData("TITLE: x\n\n* a comment before any event", 3, 1, "unknown event type")]
    [InlineData("001  AX V C 01:00:00:00 01:00:01:00 00:00:00:00 00:00:01:10", 1, 1, "source and record duration don't match")]
    [InlineData("001  AX V C 01:00:00:00 01:00:01:00 00:00:00:00 00:00:01:00\n002  AX V C 01:00:00:00 01:00:01:00 00:00:00:12 00:00:01:12", 2, 1, "overlapping record in value")]
    [InlineData("001  AX V C 01:00:00:00 01:00:01:00 00:00:00:00 00:00:01:00\n*ASC_SOP (a b c)", 2, 1, "invalid ASC_SOP")]
    [InlineData("001  AX V C 01:00:00:00 01:00:01:00 00:00:00:00 00:00:01:00\n001  AX V C 01:00:01:00 01:00:01:00 00:00:01:00 00:00:01:00", 2, 1, "transition and event id mismatch")]
    [InlineData("001  AX V C 01:00:00:00 01:00:01:00 00:00:00:00 00:00:01:00\n002  AX V C 01:00:00:00 01:00:00:00 00:00:01:00 00:00:01:00\n002  AX V Q 010 01:00:00:00 01:00:01:00 00:00:01:00 00:00:02:00", 3, 1, "transition type 'Q'")]
    public void Malformed_input_names_the_file_line_and_column(string edl, int line, int column, string reason)
    {
        var e = Assert.Throws<InterchangeException>(() => CmxEdl.Read(edl, null, "cut.edl"));

        Assert.Equal(InterchangeErrorKind.Parse, e.Kind);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"cut.edl:{line}:{column}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignore_timecode_mismatch_keeps_the_source_duration()
    {
        var t = CmxEdl.Read("001  AX V C 01:00:00:00 01:00:01:00 00:00:00:00 00:00:01:10", new EdlReadOptions { IgnoreTimecodeMismatch = true });

        Assert.Equal(new RationalTime(24, 24), ((Clip)OnlyTrack(t).Children[0]).SourceRange!.Value.Duration);
    }

    [Fact]
    public void Reading_a_file_reports_the_file_path_in_errors()
    {
        var dir = Directory.CreateTempSubdirectory("edl-");
        try
        {
            var path = Path.Combine(dir.FullName, "bad cut é.edl");
            File.WriteAllText(path, "TITLE: x\n001  AX V C 01:00:00:00\n");
            var e = Assert.Throws<InterchangeException>(() => CmxEdl.ReadFile(path));
            Assert.StartsWith(path + ":2:1: ", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
