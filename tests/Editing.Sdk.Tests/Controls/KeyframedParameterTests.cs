using System.Text.Json;
using Editing.Sdk.Controls;
using static Editing.Sdk.Tests.Controls.TestJson;

namespace Editing.Sdk.Tests.Controls;

public sealed class KeyframedParameterTests
{
    private static readonly KeyframedParameter Strength = new("strength", new FloatParameter("value") { Minimum = 0, Maximum = 1, SoftMaximum = 0.9, Default = 0.5 })
    {
        Interpolation = KeyframeInterpolation.Smooth,
    };

    [Fact]
    public void Keyframed_default_is_the_inner_default_as_a_constant()
    {
        Assert.Equal("0.5", DefaultJson(Strength));
        AssertValid(Strength, "0.5");
        var withKeys = new KeyframedParameter("s", new FloatParameter("v")) { Default = new KeyframedValue([new(0, 0), new(24, 1)]) };
        Assert.Equal("[{\"frame\":0,\"value\":0},{\"frame\":24,\"value\":1}]", DefaultJson(withKeys));
    }

    [Fact]
    public void Keyframes_parse_value_at_frame_pairs()
    {
        Assert.Equal("[{\"frame\":0,\"value\":0},{\"frame\":48,\"value\":0.8}]", Text(Strength, "0@0,0.8@48"));
        Assert.Equal("[{\"frame\":0,\"value\":0},{\"frame\":48,\"value\":0.8},{\"frame\":60,\"value\":1}]", Text(Strength, "0@0, 0.8@2s, 1@00:00:02:12"));
        Assert.Equal("0.5", Text(Strength, "0.5"));
        Assert.Equal("[{\"frame\":0,\"value\":0},{\"frame\":48,\"value\":0.8}]", Text(Strength, "[{\"frame\":0,\"value\":0},{\"frame\":48,\"value\":0.8}]"));
        var percent = new KeyframedParameter("mix", new FloatParameter("v") { Unit = "%" });
        Assert.Equal("[{\"frame\":0,\"value\":10},{\"frame\":12,\"value\":90}]", Text(percent, "10%@0,90%@12"));
    }

    [Fact]
    public void Keyframe_text_errors_name_the_bad_pair()
    {
        Assert.Contains("'x@12'", TextError(Strength, "0@0,x@12"), StringComparison.Ordinal);
        Assert.Contains("'0.5@'", TextError(Strength, "0.5@"), StringComparison.Ordinal);
        Assert.Contains("'1@1.5'", TextError(Strength, "1@1.5"), StringComparison.Ordinal);
        TextError(Strength, "[{\"frame\":2,\"value\":0},{\"frame\":1,\"value\":0}]");
    }

    [Fact]
    public void Keyframe_values_are_checked_by_the_inner_parameter_under_indexed_paths()
    {
        var issues = Validate(Strength, "[{\"frame\":0,\"value\":0},{\"frame\":10,\"value\":1.5},{\"frame\":20,\"value\":0.95}]");
        Assert.Collection(
            issues,
            i => Assert.Equal((ValidationSeverity.Error, "strength[1].value", "1.5 is above the maximum 1"), (i.Severity, i.ParamId, i.Message)),
            i => Assert.Equal((ValidationSeverity.Warning, "strength[2].value"), (i.Severity, i.ParamId)));
        Assert.Equal("1.5 is above the maximum 1", AssertSingleError(Strength, "1.5"));
    }

    [Fact]
    public void Keyframe_frames_must_be_non_negative_integers_strictly_increasing()
    {
        var issues = Errors(Strength, "[{\"frame\":-1,\"value\":0},{\"frame\":5,\"value\":0},{\"frame\":5,\"value\":0},{\"frame\":2.5,\"value\":0},{\"value\":0}]");
        Assert.Equal(["strength[0].frame", "strength[2].frame", "strength[3].frame", "strength[4].frame"], issues.Select(i => i.ParamId));
        Assert.Contains("not after the previous keyframe's frame 5", issues[1].Message, StringComparison.Ordinal);
        Assert.Equal("a keyframe array needs at least one keyframe", AssertSingleError(Strength, "[]"));
        Assert.Contains("got the string", AssertSingleError(Strength, "\"0.5\""), StringComparison.Ordinal);
        AssertSingleError(Strength, "[{\"frame\":0,\"value\":0,\"ease\":1}]", "strength[0].ease");
    }

    [Fact]
    public void Keyframed_int_inner_refuses_fractional_values()
    {
        var radius = new KeyframedParameter("radius", new IntParameter("v") { Minimum = 0, Unit = "px" });
        AssertValid(radius, "[{\"frame\":0,\"value\":2},{\"frame\":10,\"value\":8}]");
        AssertSingleError(radius, "[{\"frame\":0,\"value\":2.5}]", "radius[0].value");
        Assert.Equal("[{\"frame\":0,\"value\":4},{\"frame\":4,\"value\":8}]", Text(radius, "4px@0,8@4"));
    }

    [Fact]
    public void Keyframed_inner_must_be_a_number_parameter() =>
        Assert.Throws<ArgumentException>(() => new KeyframedParameter("k", new StringParameter("s")));

    [Fact]
    public void Keyframed_value_reads_with_the_parameter_interpolation()
    {
        var keys = Strength.Read(Parse("[{\"frame\":0,\"value\":0},{\"frame\":10,\"value\":1}]"));
        Assert.Equal(KeyframeInterpolation.Smooth, keys.Interpolation);
        Assert.Equal(0.5, keys.ValueAt(5), 12);
        Assert.Equal("0@0,1@10", keys.ToString());
        Assert.Equal(KeyframedValue.Constant(0.3), JsonSerializer.Deserialize<KeyframedValue>("0.3", SdkJson.Options));
    }

    [Fact]
    public void Keyframed_value_guards_its_keys()
    {
        Assert.Throws<ArgumentException>(() => new KeyframedValue([]));
        Assert.Throws<ArgumentException>(() => new KeyframedValue([new(-1, 0)]));
        Assert.Throws<ArgumentException>(() => new KeyframedValue([new(3, 0), new(3, 1)]));
        Assert.Throws<ArgumentException>(() => new KeyframedValue([new(0, double.NaN)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyframedValue.Constant(1).ValueAt(double.NaN));
    }

    [Fact]
    public void Linear_and_hold_examples()
    {
        var linear = new KeyframedValue([new(0, 0), new(48, 0.8)]);
        Assert.Equal(0.4, linear.ValueAt(24), 12);
        Assert.Equal(0, linear.ValueAt(-10));
        Assert.Equal(0.8, linear.ValueAt(100));
        var hold = linear.WithInterpolation(KeyframeInterpolation.Hold);
        Assert.Equal(0, hold.ValueAt(47.99));
        Assert.Equal(0.8, hold.ValueAt(48));
    }
}
