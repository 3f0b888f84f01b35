using Editing.Otio.OpenTime;

namespace Editing.Otio.Tests.OpenTime;

public sealed class TimeTransformTests
{
    private static RationalTime T(double value, double rate) => new(value, rate);

    private static void AssertTime(double value, double rate, RationalTime actual)
    {
        Assert.True(T(value, rate).StrictlyEqual(actual), $"expected RationalTime({value:R}, {rate:R}), got {actual}");
    }

    [Fact]
    public void Default_transform_is_identity_keeping_the_input_rate()
    {
        foreach (var transform in new[] { default, new TimeTransform() })
        {
            AssertTime(0, 1, transform.Offset);
            Assert.Equal(1.0, transform.Scale);
            Assert.Equal(-1.0, transform.Rate);
            AssertTime(10, 24, transform.AppliedTo(T(10, 24)));
        }
        Assert.True(default(TimeTransform) == new TimeTransform());
    }

    [Fact]
    public void Applying_scales_then_offsets()
    {
        var transform = new TimeTransform(T(10, 24), 2);
        // 5 × 2 = 10@24, + 10@24 = 20@24.
        AssertTime(20, 24, transform.AppliedTo(T(5, 24)));
    }

    [Fact]
    public void A_positive_rate_rescales_the_result()
    {
        var transform = new TimeTransform(rate: 48);
        AssertTime(10, 48, transform.AppliedTo(T(5, 24)));
    }

    [Fact]
    public void Without_a_rate_the_result_returns_to_the_input_rate()
    {
        // 1@24 + 1@48 = 3@48 (larger rate), then back to the input's 24 → 1.5@24.
        var transform = new TimeTransform(T(1, 48));
        AssertTime(1.5, 24, transform.AppliedTo(T(1, 24)));
    }

    [Fact]
    public void Applying_to_a_range_transforms_start_and_exclusive_end()
    {
        var transform = new TimeTransform(T(10, 24), 2);
        var range = transform.AppliedTo(new TimeRange(T(0, 24), T(5, 24)));
        AssertTime(10, 24, range.StartTime);
        AssertTime(10, 24, range.Duration);
    }

    [Fact]
    public void Composition_adds_offsets_multiplies_scales_and_prefers_the_outer_rate()
    {
        var outer = new TimeTransform(T(1, 24), 2, 48);
        var inner = new TimeTransform(T(2, 24), 3, 25);
        var composed = outer.AppliedTo(inner);
        AssertTime(3, 24, composed.Offset);
        Assert.Equal(6.0, composed.Scale);
        Assert.Equal(48.0, composed.Rate);

        var noOuterRate = new TimeTransform(T(1, 24), 2).AppliedTo(inner);
        Assert.Equal(25.0, noOuterRate.Rate);
    }

    [Fact]
    public void Equality_compares_offsets_by_time_and_scale_and_rate_exactly()
    {
        Assert.True(new TimeTransform(T(1, 24), 2, 24) == new TimeTransform(T(2, 48), 2, 24));
        Assert.True(new TimeTransform(T(1, 24), 2, 24).Equals(new TimeTransform(T(2, 48), 2, 24)));
        Assert.False(new TimeTransform(T(1, 24), 2, 24) == new TimeTransform(T(1, 24), 2.0000001, 24));
        Assert.True(new TimeTransform(T(1, 24), 2, 24) != new TimeTransform(T(1, 24), 2, 25));
    }

    [Fact]
    public void Scale_and_rate_round_trip_bit_for_bit()
    {
        var transform = new TimeTransform(T(1, 24), -0.0, double.NaN);
        Assert.True(double.IsNegative(transform.Scale) && transform.Scale == 0);
        Assert.True(double.IsNaN(transform.Rate));
    }
}
