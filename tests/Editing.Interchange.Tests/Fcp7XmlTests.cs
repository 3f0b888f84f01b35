using Editing.Interchange.Fcp7;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Interchange.Tests;

/// <summary>The FCP 7 XML reader and writer on a fixture written for these tests (Fixtures/ntsc_two_clips.xml).</summary>
public sealed class Fcp7XmlTests
{
    private const double Ntsc24 = 24000.0 / 1001;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static Track VideoTrack(Timeline t) => Assert.IsType<Track>(Assert.Single(t.Tracks!.Children));

    [Fact]
    public void Ntsc_rates_read_as_timebase_times_1000_over_1001()
    {
        var t = Assert.IsType<Timeline>(Fcp7Xml.ReadFile(Fixture("ntsc_two_clips.xml")));

        Assert.Equal("ntsc cut", t.Name);
        Assert.Equal(new RationalTime(86400, Ntsc24), t.GlobalStartTime);
        var clip = Assert.IsType<Clip>(VideoTrack(t).Children[0]);
        // in 10 plus the file's timecode start 1000.
        Assert.Equal(new TimeRange(new RationalTime(1010, Ntsc24), new RationalTime(48, Ntsc24)), clip.SourceRange);
        var media = Assert.IsType<ExternalReference>(clip.MediaReference);
        Assert.Equal("file://localhost/media/A001C003.mov", media.TargetUrl);
        Assert.Equal(new TimeRange(new RationalTime(1000, Ntsc24), new RationalTime(500, Ntsc24)), media.AvailableRange);
    }

    [Fact]
    public void A_file_id_reference_reuses_the_first_file_with_that_id()
    {
        var t = Assert.IsType<Timeline>(Fcp7Xml.ReadFile(Fixture("ntsc_two_clips.xml")));
        var track = VideoTrack(t);

        var again = Assert.IsType<Clip>(track.Children[2]);
        Assert.Equal("shot one again", again.Name);
        Assert.Equal("file://localhost/media/A001C003.mov", Assert.IsType<ExternalReference>(again.MediaReference).TargetUrl);
        Assert.Equal(new RationalTime(1100, Ntsc24), again.SourceRange!.Value.StartTime);
    }

    [Fact]
    public void Gaps_disabled_clips_generators_and_markers_are_read()
    {
        var track = VideoTrack(Assert.IsType<Timeline>(Fcp7Xml.ReadFile(Fixture("ntsc_two_clips.xml"))));

        Assert.Equal(new RationalTime(12, Ntsc24), Assert.IsType<Gap>(track.Children[1]).SourceRange!.Value.Duration);
        Assert.False(Assert.IsType<Clip>(track.Children[2]).Enabled);
        var generator = Assert.IsType<GeneratorReference>(Assert.IsType<Clip>(track.Children[3]).MediaReference);
        Assert.Equal("Color", generator.GeneratorKind);
        var marker = Assert.Single(((Clip)track.Children[0]).Markers);
        Assert.Equal("look here", marker.Name);
        Assert.Equal(new TimeRange(new RationalTime(20, Ntsc24), new RationalTime(0, Ntsc24)), marker.MarkedRange);
        Assert.Equal("focus", ((OtioDictionary)marker.Metadata["fcp_xml"]!)["comment"]);
    }

    [Fact]
    public void Writing_back_refers_to_a_repeated_file_by_id_and_reads_back_to_the_same_timeline()
    {
        var t = Fcp7Xml.ReadFile(Fixture("ntsc_two_clips.xml"));

        var xml = Fcp7Xml.Write(t);

        Assert.StartsWith("<?xml version=\"1.0\" ?>\n<xmeml version=\"4\">\n    <project>\n        <name>ntsc cut</name>\n", xml, StringComparison.Ordinal);
        Assert.Contains("<file id=\"file-1\">", xml, StringComparison.Ordinal);
        Assert.Contains("<file id=\"file-1\"/>", xml, StringComparison.Ordinal);
        Assert.Contains("<generatoritem frameBlend=\"FALSE\" id=\"clipitem-3\">", xml, StringComparison.Ordinal);
        Assert.Contains("<ntsc>TRUE</ntsc>", xml, StringComparison.Ordinal);
        var again = Assert.IsType<Timeline>(Fcp7Xml.Read(xml));
        var before = VideoTrack((Timeline)t);
        var after = VideoTrack(again);
        Assert.Equal(before.Children.Select(c => (c.SchemaName, c.Name)), after.Children.Select(c => (c.SchemaName, c.Name)));
        Assert.Equal(((Clip)before.Children[2]).SourceRange, ((Clip)after.Children[2]).SourceRange);
        Assert.False(((Clip)after.Children[2]).Enabled);
    }

    [Theory]
    [InlineData("<xmeml><sequence><name>x</name>\n<media><video><track><clipitem></track></video></media></sequence></xmeml>", 2, "malformed XML")]
    [InlineData("<filter><effect/></filter>", 1, "no top-level sequences")]
    [InlineData("<xmeml><sequence><rate><timebase>24</timebase></rate>\n<media><video><track>\n<clipitem><name>c</name><start>0</start><end>10</end><in>0</in></clipitem></track></video></media></sequence></xmeml>", 3, "has no <file>")]
    [InlineData("<xmeml><sequence><rate><timebase>24</timebase></rate>\n<media><video><track>\n<clipitem><name>c</name><start>zero</start><end>10</end></clipitem></track></video></media></sequence></xmeml>", 3, "must be a whole number")]
    public void Malformed_xml_names_the_line(string xml, int line, string reason)
    {
        var e = Assert.Throws<InterchangeException>(() => Fcp7Xml.Read(xml, "cut.xml"));

        Assert.Equal(line, e.Line);
        Assert.True(e.Column > 0);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"cut.xml:{line}:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_sequences_read_to_a_collection()
    {
        const string Xml = "<xmeml><project><children>"
            + "<sequence><name>a</name><rate><timebase>25</timebase></rate><media/></sequence>"
            + "<sequence><name>b</name><rate><timebase>25</timebase></rate><media/></sequence>"
            + "</children></project></xmeml>";

        var c = Assert.IsType<SerializableCollection>(Fcp7Xml.Read(Xml));

        Assert.Equal("Sequences", c.Name);
        Assert.Equal(["a", "b"], c.Children.Cast<Timeline>().Select(t => t.Name));
    }

    [Fact]
    public void A_rate_without_smpte_timecode_cannot_be_written()
    {
        var t = new Timeline("odd") { GlobalStartTime = new RationalTime(0, 14) };
        t.Tracks!.Children.Add(new Track());

        var e = Assert.Throws<InterchangeException>(() => Fcp7Xml.Write(t));
        Assert.Equal(InterchangeErrorKind.NotSupported, e.Kind);
    }
}
