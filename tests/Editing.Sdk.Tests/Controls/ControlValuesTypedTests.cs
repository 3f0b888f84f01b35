using Editing.Otio.OpenTime;
using Editing.Sdk.Controls;

namespace Editing.Sdk.Tests.Controls;

public sealed class ControlValuesTypedTests
{
    private static readonly ControlValues Values = ControlValues.FromJson("""
        {"on": true, "n": 12.0, "x": 0.5, "s": "rain", "seed": 7, "t": {"value": 48, "rate": 24}, "c": [1, 0, 0],
         "p": {"x": 0.1, "y": 0.2}, "r": {"x": 0, "y": 0, "width": 1, "height": 1}, "m": {"path": "/a.mov", "frame": 3},
         "cam": {"pan": -0.5}, "k": [{"frame": 0, "value": 0}, {"frame": 10, "value": 1}], "a": [1, 2]}
        """);

    [Fact]
    public void Typed_getters_read_each_json_form()
    {
        Assert.True(Values.GetBool("on"));
        Assert.Equal(12, Values.GetInt64("n"));
        Assert.Equal(12.0, Values.GetDouble("n"));
        Assert.Equal(0.5, Values.GetDouble("x"));
        Assert.Equal("rain", Values.GetString("s"));
        Assert.Equal(7, Values.GetSeed("seed"));
        Assert.Equal(new RationalTime(48, 24), Values.GetTime("t"));
        Assert.Equal(new ColorValue(1, 0, 0, 1), Values.GetColor("c"));
        Assert.Equal(new PointValue(0.1, 0.2), Values.GetPoint("p"));
        Assert.Equal(new RectValue(0, 0, 1, 1), Values.GetRect("r"));
        Assert.Equal(new MediaReferenceValue("/a.mov", 3), Values.GetMediaReference("m"));
        Assert.Equal(new CameraMotion { Pan = -0.5 }, Values.GetCameraMotion("cam"));
        Assert.Equal(0.5, Values.GetKeyframed("k").ValueAt(5), 12);
        Assert.Equal(0, Values.GetKeyframed("k", KeyframeInterpolation.Hold).ValueAt(5));
        Assert.Equal(2, Values.GetArray("a").Count);
    }

    [Fact]
    public void Missing_values_throw_key_not_found_naming_the_id_and_form()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Values.GetTime("start"));
        Assert.Equal("no value for parameter 'start' (expected a time {\"value\": frames, \"rate\": fps}; normalize the values with the tool's schema to fill defaults)", e.Message);
        Assert.False(Values.TryGetDouble("missing", out _));
        Assert.False(Values.TryGetKeyframed("missing", KeyframeInterpolation.Linear, out _));
    }

    [Fact]
    public void Wrong_forms_throw_invalid_operation_naming_the_id_and_expected_form()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Values.GetInt64("x"));
        Assert.Equal("parameter 'x' is not an integer: got the number 0.5", e.Message);
        var color = Assert.Throws<InvalidOperationException>(() => Values.GetColor("s"));
        Assert.StartsWith("parameter 's' is not a colour [r, g, b, a]: expected a colour", color.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => Values.GetBool("n"));
        Assert.Throws<InvalidOperationException>(() => Values.GetString("n"));
        Assert.Throws<InvalidOperationException>(() => Values.GetTime("c"));
        Assert.Throws<InvalidOperationException>(() => Values.TryGetPoint("r", out _));
        Assert.Throws<InvalidOperationException>(() => Values.GetArray("s"));
    }

    [Fact]
    public void Try_getters_return_the_value_when_present()
    {
        Assert.True(Values.TryGetBool("on", out var on) && on);
        Assert.True(Values.TryGetInt64("seed", out var seed) && seed == 7);
        Assert.True(Values.TryGetString("s", out var s) && s == "rain");
        Assert.True(Values.TryGetTime("t", out var t) && t.Value == 48);
        Assert.True(Values.TryGetColor("c", out _));
        Assert.True(Values.TryGetRect("r", out _));
        Assert.True(Values.TryGetMediaReference("m", out var m) && m.Frame == 3);
        Assert.True(Values.TryGetCameraMotion("cam", out var cam) && cam.Pan == -0.5);
        Assert.True(Values.TryGetKeyframed("k", KeyframeInterpolation.Smooth, out var k) && k.Interpolation == KeyframeInterpolation.Smooth);
        Assert.True(Values.TryGetArray("a", out var a) && a.Count == 2);
    }
}
