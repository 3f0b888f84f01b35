using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Cli.Tests;

/// <summary><c>editing convert</c> between OTIO, CMX 3600 EDL and FCP 7 XML, with the reader and writer flags.</summary>
public sealed class ConvertInterchangeTests : IDisposable
{
    private const string Edl25 = "TITLE: pal\n\n"
        + "001  A001C003 V     C        01:00:00:00 01:00:01:24 10:00:00:00 10:00:01:24\n"
        + "* FROM CLIP NAME:  sh010\n"
        + "002  A001C004 V     C        01:00:05:00 01:00:06:00 10:00:01:24 10:00:02:24\n"
        + "* FROM CLIP NAME:  sh020\n";

    private readonly DirectoryInfo _dir = EditingProcess.TempDir();

    public void Dispose() => _dir.Delete(recursive: true);

    private string Temp(string name) => Path.Combine(_dir.FullName, name);

    private string Write(string name, string text)
    {
        var p = Temp(name);
        File.WriteAllText(p, text);
        return p;
    }

    [Fact]
    public void Edl_read_at_the_given_rate_converts_to_otio_and_back_to_the_same_events()
    {
        var edl = Write("pal cut.edl", Edl25);

        var toOtio = EditingProcess.Run("convert", edl, Temp("cut.otio"), "--rate", "25");
        Assert.Equal(0, toOtio.ExitCode);
        var t = (Timeline)OtioJson.ReadFile(Temp("cut.otio"));
        Assert.Equal(["sh010", "sh020"], t.Tracks!.Children.Cast<Track>().Single().Children.Select(c => c.Name));

        var back = EditingProcess.Run("convert", Temp("cut.otio"), Temp("back.edl"));
        Assert.Equal(0, back.ExitCode);
        var text = File.ReadAllText(Temp("back.edl"));
        Assert.Contains("001  A001C003 V     C        01:00:00:00 01:00:01:24 10:00:00:00 10:00:01:24\n", text, StringComparison.Ordinal);
        Assert.Contains("002  A001C004 V     C        01:00:05:00 01:00:06:00 10:00:01:24 10:00:02:24\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Edl_at_the_wrong_rate_is_bad_input_naming_file_line_and_column()
    {
        var edl = Write("pal.edl", Edl25);

        var r = EditingProcess.Run("convert", edl, Temp("cut.otio"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{edl}:3:42: frame rate mismatch", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Temp("cut.otio")));
    }

    [Theory]
    [InlineData("29.97")]
    [InlineData("30000/1001")]
    public void Ntsc_rates_are_accepted_as_decimals_or_fractions(string rate)
    {
        var edl = Write("df.edl", "001  AX       V     C        00:01:00;02 00:01:00;12 00:00:00;00 00:00:00;10\n");

        var r = EditingProcess.Run("convert", edl, Temp("df.otio"), "--rate", rate);

        Assert.Equal(0, r.ExitCode);
        var clip = ((Timeline)OtioJson.ReadFile(Temp("df.otio"))).Tracks!.Children.Cast<Track>().Single().Children.Cast<Clip>().Single();
        Assert.Equal(new RationalTime(1800, 30000.0 / 1001), clip.SourceRange!.Value.StartTime);
    }

    [Theory]
    [InlineData("--rate", "23")]
    [InlineData("--rate", "fast")]
    [InlineData("--edl-style", "bogus")]
    [InlineData("--reel-names", "shorten")]
    [InlineData("--from", "aaf")]
    public void Bad_flag_values_are_usage_errors(string flag, string value)
    {
        var edl = Write("cut.edl", Edl25);

        var args = flag is "--edl-style" or "--reel-names"
            ? new[] { "convert", Temp("x.otio"), Temp("y.edl"), flag, value }
            : new[] { "convert", edl, Temp("y.otio"), flag, value };
        if (flag is "--edl-style" or "--reel-names")
        {
            Assert.Equal(0, EditingProcess.Run("convert", edl, Temp("x.otio"), "--rate", "25").ExitCode);
        }

        Assert.Equal(1, EditingProcess.Run(args).ExitCode);
    }

    [Fact]
    public void Ignore_timecode_mismatch_reads_an_edl_whose_durations_disagree()
    {
        var edl = Write("mismatch.edl", "001  AX       V     C        01:00:00:00 01:00:01:00 00:00:00:00 00:00:01:02\n");

        Assert.Equal(2, EditingProcess.Run("convert", edl, Temp("a.otio")).ExitCode);
        Assert.Equal(0, EditingProcess.Run("convert", edl, Temp("b.otio"), "--ignore-timecode-mismatch").ExitCode);
    }

    [Fact]
    public void From_and_to_override_the_extensions()
    {
        var edl = Write("cut.txt", Edl25);

        Assert.Equal(0, EditingProcess.Run("convert", edl, Temp("cut.json"), "--from", "edl", "--rate", "25").ExitCode);
        Assert.Equal(0, EditingProcess.Run("convert", Temp("cut.json"), Temp("cut.out"), "--to", "fcp7xml").ExitCode);
        Assert.StartsWith("<?xml version=\"1.0\" ?>\n<xmeml version=\"4\">", File.ReadAllText(Temp("cut.out")), StringComparison.Ordinal);
    }

    [Fact]
    public void Edl_style_and_reel_name_flags_change_the_written_edl()
    {
        var otio = Temp("long.otio");
        var t = new Timeline("long");
        var track = new Track();
        track.Children.Add(new Clip("c", new ExternalReference("/media/a_very_long_reel_name.mov"), new TimeRange(new RationalTime(0, 24), new RationalTime(24, 24))));
        t.Tracks!.Children.Add(track);
        OtioJson.WriteFile(t, otio);

        var keep = EditingProcess.Run("convert", otio, Temp("keep.edl"), "--reel-names", "keep");
        Assert.Equal(0, keep.ExitCode);
        Assert.Contains("001  a_very_long_reel_name V", File.ReadAllText(Temp("keep.edl")), StringComparison.Ordinal);
        Assert.Contains("warning: reel name 'a_very_long_reel_name'", keep.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, EditingProcess.Run("convert", otio, Temp("premiere.edl"), "--edl-style", "premiere").ExitCode);
        Assert.Contains("001  AX       V", File.ReadAllText(Temp("premiere.edl")), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_video_tracks_are_refused_unless_flattened()
    {
        var otio = Temp("two.otio");
        var t = new Timeline("two");
        foreach (var name in new[] { "low", "high" })
        {
            var track = new Track { Name = name };
            track.Children.Add(new Clip(name, new ExternalReference($"/media/{name}.mov"), new TimeRange(new RationalTime(0, 24), new RationalTime(24, 24))));
            t.Tracks!.Children.Add(track);
        }
        OtioJson.WriteFile(t, otio);

        var refused = EditingProcess.Run("convert", otio, Temp("two.edl"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("only a single video track is supported, got: 2", refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Temp("two.edl")));

        Assert.Equal(0, EditingProcess.Run("convert", otio, Temp("flat.edl"), "--flatten").ExitCode);
        Assert.Contains("001  high     V", File.ReadAllText(Temp("flat.edl")), StringComparison.Ordinal);
    }

    [Fact]
    public void Fcp7_xml_converts_to_otio_and_back()
    {
        var xml = Write("seq.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <xmeml version="4"><sequence id="sequence-1"><name>seq</name><rate><timebase>25</timebase></rate>
            <media><video><track><clipitem id="clipitem-1"><name>c1</name><start>0</start><end>25</end><in>0</in><out>25</out>
            <file id="file-1"><name>c1.mov</name><pathurl>file://localhost/media/c1.mov</pathurl><duration>100</duration></file>
            </clipitem></track></video></media></sequence></xmeml>
            """);

        Assert.Equal(0, EditingProcess.Run("convert", xml, Temp("seq.otio")).ExitCode);
        var clip = ((Timeline)OtioJson.ReadFile(Temp("seq.otio"))).Tracks!.Children.Cast<Track>().Single().Children.Cast<Clip>().Single();
        Assert.Equal("file://localhost/media/c1.mov", ((ExternalReference)clip.MediaReference!).TargetUrl);

        Assert.Equal(0, EditingProcess.Run("convert", Temp("seq.otio"), Temp("back.xml")).ExitCode);
        Assert.Contains("<pathurl>file://localhost/media/c1.mov</pathurl>", File.ReadAllText(Temp("back.xml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xml_is_bad_input_with_its_line()
    {
        var xml = Write("bad.xml", "<xmeml>\n<sequence>\n<name>x</sequence></xmeml>");

        var r = EditingProcess.Run("convert", xml, Temp("x.otio"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{xml}:3:", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Edl_writer_flags_on_a_non_edl_output_are_usage_errors()
    {
        var edl = Write("cut.edl", Edl25);

        Assert.Equal(1, EditingProcess.Run("convert", edl, Temp("x.otio"), "--rate", "25", "--flatten").ExitCode);
    }
}
