using Editing.Sdk.Controls;
using static Editing.Sdk.Tests.Controls.TestJson;

namespace Editing.Sdk.Tests.Controls;

public sealed class ScalarParameterTests
{
    private static readonly IntParameter Frames = new("frames")
    {
        Minimum = 1,
        Maximum = 257,
        SoftMaximum = 121,
        Step = 4,
        Unit = "frames",
        Default = 49,
    };

    private static readonly FloatParameter Strength = new("strength")
    {
        Minimum = 0,
        Maximum = 1,
        SoftMinimum = 0.2,
        SoftMaximum = 0.9,
        Step = 0.05,
        Default = 0.5,
    };

    [Fact]
    public void Bool_default_is_valid_and_false_unless_set()
    {
        var loop = new BoolParameter("loop");
        Assert.Equal("false", DefaultJson(loop));
        AssertValid(loop, DefaultJson(loop));
        Assert.Equal("true", DefaultJson(new BoolParameter("loop") { Default = true }));
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("YES", "true")]
    [InlineData("1", "true")]
    [InlineData(" on ", "true")]
    [InlineData("false", "false")]
    [InlineData("no", "false")]
    [InlineData("0", "false")]
    [InlineData("Off", "false")]
    public void Bool_text_accepts_true_false_yes_no_one_zero_on_off(string text, string json) =>
        Assert.Equal(json, Text(new BoolParameter("loop"), text));

    [Fact]
    public void Bool_rejects_other_text_and_json_kinds()
    {
        var loop = new BoolParameter("loop");
        Assert.Contains("yes/no", TextError(loop, "maybe"), StringComparison.Ordinal);
        Assert.Contains("expected true or false, got the string \"true\"", AssertSingleError(loop, "\"true\""), StringComparison.Ordinal);
        AssertSingleError(loop, "1");
    }

    [Fact]
    public void Int_default_is_valid()
    {
        Assert.Equal("49", DefaultJson(Frames));
        AssertValid(Frames, "49");
    }

    [Theory]
    [InlineData("-3", "-3 frames is below the minimum 1 frames")]
    [InlineData("261", "261 frames is above the maximum 257 frames")]
    public void Int_outside_hard_range_is_an_error(string json, string message) =>
        Assert.Equal(message, AssertSingleError(Frames, json));

    [Fact]
    public void Int_outside_soft_range_is_a_warning() =>
        Assert.Equal("125 frames is above the recommended maximum 121 frames", AssertSingleWarning(Frames, "125"));

    [Fact]
    public void Int_off_the_step_grid_counted_from_the_minimum_is_an_error()
    {
        // Grid 1 + 4k: 1, 5, 9, ... 49, 53.
        AssertValid(Frames, "53");
        Assert.Equal("50 frames is not on the step grid 1 + k × 4 (nearest allowed: 49 or 53)", AssertSingleError(Frames, "50"));
    }

    [Fact]
    public void Int_rejects_fractions_strings_and_null_but_accepts_integral_decimals()
    {
        Assert.Equal("expected an integer, got the number 4.5", AssertSingleError(Frames, "4.5"));
        Assert.Equal("expected an integer, got the string \"5\"", AssertSingleError(Frames, "\"5\""));
        Assert.Equal("expected an integer, got null", AssertSingleError(Frames, "null"));
        AssertValid(Frames, "5.0");
    }

    [Fact]
    public void Int_text_round_trips_with_or_without_unit()
    {
        Assert.Equal("49", Text(Frames, "49"));
        Assert.Equal("49", Text(Frames, " 49frames "));
        Assert.Equal("-2", Text(Frames, "-2"));
        Assert.Contains("not an integer", TextError(Frames, "4.5"), StringComparison.Ordinal);
        Assert.Contains("not an integer", TextError(Frames, "four"), StringComparison.Ordinal);
    }

    [Fact]
    public void Int_step_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntParameter("n") { Step = 0 });

    [Fact]
    public void Float_default_is_valid()
    {
        Assert.Equal("0.5", DefaultJson(Strength));
        AssertValid(Strength, "0.5");
    }

    [Theory]
    [InlineData("-0.5", "-0.5 is below the minimum 0")]
    [InlineData("1.5", "1.5 is above the maximum 1")]
    public void Float_outside_hard_range_is_an_error(string json, string message) =>
        Assert.Equal(message, AssertSingleError(Strength, json));

    [Theory]
    [InlineData("0.1", "0.1 is below the recommended minimum 0.2")]
    [InlineData("0.95", "0.95 is above the recommended maximum 0.9")]
    public void Float_outside_soft_range_is_a_warning(string json, string message) =>
        Assert.Equal(message, AssertSingleWarning(Strength, json));

    [Fact]
    public void Float_step_allows_binary_rounding_but_not_off_grid_values()
    {
        AssertValid(Strength, "0.3");
        AssertValid(Strength, (0.1 * 3).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("not on the step grid", AssertSingleError(Strength, "0.33"), StringComparison.Ordinal);
    }

    [Fact]
    public void Float_rejects_nan_infinity_and_wrong_kinds()
    {
        Assert.Contains("NaN is not allowed", AssertSingleError(Strength, "\"NaN\""), StringComparison.Ordinal);
        Assert.Contains("Infinity is not allowed", AssertSingleError(Strength, "\"-Infinity\""), StringComparison.Ordinal);
        Assert.Contains("out of the range of a double", AssertSingleError(Strength, "1e400"), StringComparison.Ordinal);
        Assert.Equal("expected a number, got true", AssertSingleError(Strength, "true"));
        TextError(Strength, "NaN");
        TextError(Strength, "Infinity");
        TextError(Strength, "0,5");
    }

    [Fact]
    public void Float_text_reads_invariant_numbers_and_the_unit_suffix()
    {
        var angle = new FloatParameter("angle") { Unit = "deg" };
        Assert.Equal("0.75", Text(Strength, "0.75"));
        Assert.Equal("-0.001", Text(Strength, "-1e-3"));
        Assert.Equal("90", Text(angle, "90deg"));
        Assert.Equal("50", Text(new FloatParameter("mix") { Unit = "%" }, "50%"));
        Assert.Equal("120 deg is above the maximum 90 deg", AssertSingleError(new FloatParameter("angle") { Unit = "deg", Maximum = 90 }, "120"));
    }

    [Fact]
    public void Float_bounds_must_be_finite() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FloatParameter("x") { Maximum = double.PositiveInfinity });

    [Fact]
    public void Seed_defaults_to_zero_within_unsigned_32_bits()
    {
        var seed = new SeedParameter("seed");
        Assert.Equal("0", DefaultJson(seed));
        AssertValid(seed, "0");
        AssertValid(seed, "4294967295");
        Assert.Equal("seed 4294967296 is outside 0..4294967295", AssertSingleError(seed, "4294967296"));
        Assert.Equal("seed -1 is outside 0..4294967295", AssertSingleError(seed, "-1"));
        Assert.Equal("expected an integer seed, got the string \"random\"", AssertSingleError(seed, "\"random\""));
    }

    [Fact]
    public void Seed_text_is_an_integer_and_never_random()
    {
        var seed = new SeedParameter("seed") { Maximum = int.MaxValue };
        Assert.Equal("42", Text(seed, "42"));
        Assert.Contains("0..2147483647", TextError(seed, "random"), StringComparison.Ordinal);
        Assert.Equal(4294967295, SchemaOf(new SeedParameter("seed")).GetProperty("maximum").GetInt64());
    }
}
