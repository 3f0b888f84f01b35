using Editing.Sdk.Controls;
using static Editing.Sdk.Tests.Controls.TestJson;

namespace Editing.Sdk.Tests.Controls;

public sealed class GeometryAndColorParameterTests
{
    private static readonly ColorParameter Tint = new("tint") { Default = new ColorValue(1, 0.5, 0) };
    private static readonly ColorParameter Overlay = new("overlay") { HasAlpha = true };
    private static readonly PointParameter Focus = new("focus") { Default = new PointValue(0.5, 0.5) };
    private static readonly RectParameter Region = new("region") { Default = new RectValue(0.25, 0.25, 0.5, 0.5) };

    [Fact]
    public void Color_default_is_valid_and_written_as_four_components()
    {
        Assert.Equal("[1,0.5,0,1]", DefaultJson(Tint));
        AssertValid(Tint, DefaultJson(Tint));
        AssertValid(Tint, "[1,0.5,0]");
    }

    [Theory]
    [InlineData("#FF8000", "[1,0.5019607843137255,0,1]")]
    [InlineData("#ff800080", "[1,0.5019607843137255,0,0.5019607843137255]")]
    [InlineData("1,0.5,0", "[1,0.5,0,1]")]
    [InlineData(" 0.1, 0.2, 0.3, 0.4 ", "[0.1,0.2,0.3,0.4]")]
    [InlineData("[0,0,1]", "[0,0,1,1]")]
    public void Color_text_accepts_hex_and_component_lists(string text, string json) =>
        Assert.Equal(json, Text(Overlay, text));

    [Fact]
    public void Color_text_round_trips_through_hex()
    {
        var rng = new Random(11);
        for (var i = 0; i < 500; i++)
        {
            var c = new ColorValue(rng.Next(256) / 255.0, rng.Next(256) / 255.0, rng.Next(256) / 255.0, rng.Next(256) / 255.0);
            var parsed = Parse(Text(Overlay, c.ToHex()));
            var back = new ColorValue(parsed[0].GetDouble(), parsed[1].GetDouble(), parsed[2].GetDouble(), parsed[3].GetDouble());
            Assert.Equal(c, back);
        }
    }

    [Fact]
    public void Color_components_outside_zero_to_one_are_errors_at_their_index()
    {
        var issues = Errors(Overlay, "[1.5,0,-0.1,1]");
        Assert.Equal(["overlay[0]", "overlay[2]"], issues.Select(i => i.ParamId));
        Assert.Equal("r = 1.5 is outside 0..1", issues[0].Message);
    }

    [Fact]
    public void Color_without_alpha_refuses_translucency()
    {
        Assert.Equal("this colour has no alpha; a must be 1, got 0.5", AssertSingleError(Tint, "[1,1,1,0.5]", "tint[3]"));
        AssertValid(Overlay, "[1,1,1,0.5]");
    }

    [Fact]
    public void Color_rejects_wrong_shapes_and_text()
    {
        Assert.Contains("of 2 items", AssertSingleError(Tint, "[1,1]"), StringComparison.Ordinal);
        Assert.Contains("got the string", AssertSingleError(Tint, "\"#FFFFFF\""), StringComparison.Ordinal);
        Assert.Contains("not a finite number", AssertSingleError(Tint, "[1,\"a\",1]"), StringComparison.Ordinal);
        TextError(Tint, "#FFF");
        TextError(Tint, "#GGGGGG");
        TextError(Tint, "red");
        TextError(Tint, "1,1");
    }

    [Fact]
    public void Point_default_is_valid_and_text_round_trips()
    {
        Assert.Equal("{\"x\":0.5,\"y\":0.5}", DefaultJson(Focus));
        AssertValid(Focus, DefaultJson(Focus));
        Assert.Equal("{\"x\":0.25,\"y\":0.75}", Text(Focus, "0.25, 0.75"));
        Assert.Equal("{\"x\":0.25,\"y\":0.75}", Text(Focus, "{\"y\":0.75,\"x\":0.25}"));
        TextError(Focus, "0.25");
        TextError(Focus, "a,b");
    }

    [Fact]
    public void Normalized_points_outside_the_frame_are_errors_and_pixels_only_warn_when_negative()
    {
        Assert.Equal("x = 1.2 is outside the frame (normalized coordinates are 0..1)", AssertSingleError(Focus, "{\"x\":1.2,\"y\":0.5}", "focus.x"));
        var pixels = new PointParameter("pin") { CoordinateSystem = CoordinateSystem.Pixels };
        AssertValid(pixels, "{\"x\":1919.5,\"y\":1079}");
        var warning = Assert.Single(Warnings(pixels, "{\"x\":-3,\"y\":10}"));
        Assert.Equal("pin.x", warning.ParamId);
    }

    [Fact]
    public void Point_rejects_wrong_shapes()
    {
        Assert.Contains("expected a point", AssertSingleError(Focus, "[0.5,0.5]"), StringComparison.Ordinal);
        Assert.Contains("\"y\"", AssertSingleError(Focus, "{\"x\":0.5}"), StringComparison.Ordinal);
        Assert.Contains("unknown property 'z'", AssertSingleError(Focus, "{\"x\":0.5,\"y\":0.5,\"z\":0}"), StringComparison.Ordinal);
    }

    [Fact]
    public void Rect_default_is_valid_and_text_round_trips()
    {
        Assert.Equal("{\"x\":0.25,\"y\":0.25,\"width\":0.5,\"height\":0.5}", DefaultJson(Region));
        AssertValid(Region, DefaultJson(Region));
        Assert.Equal("{\"x\":0.1,\"y\":0.2,\"width\":0.5,\"height\":0.4}", Text(Region, "0.1,0.2,0.5,0.4"));
        TextError(Region, "0.1,0.2,0.5");
    }

    [Fact]
    public void Rect_needs_positive_size_and_normalized_rects_stay_inside_the_frame()
    {
        Assert.Equal("width 0 must be greater than 0", AssertSingleError(Region, "{\"x\":0,\"y\":0,\"width\":0,\"height\":1}", "region.width"));
        Assert.Contains("past the bottom edge", AssertSingleError(Region, "{\"x\":0,\"y\":0.5,\"width\":1,\"height\":0.6}", "region.height"), StringComparison.Ordinal);
        AssertValid(Region, "{\"x\":0.1,\"y\":0,\"width\":0.9,\"height\":1}");
        var pixels = new RectParameter("crop") { CoordinateSystem = CoordinateSystem.Pixels };
        AssertValid(pixels, "{\"x\":0,\"y\":0,\"width\":1920,\"height\":1080}");
        Assert.Equal(2, Errors(pixels, "{\"x\":0,\"y\":0,\"width\":-1,\"height\":0}").Count);
    }
}
