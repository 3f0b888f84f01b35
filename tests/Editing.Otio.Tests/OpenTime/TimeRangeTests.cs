using Editing.Otio.OpenTime;

namespace Editing.Otio.Tests.OpenTime;

public sealed class TimeRangeTests
{
    private static RationalTime T(double value, double rate) => new(value, rate);

    private static TimeRange R(double start, double duration, double rate) => new(T(start, rate), T(duration, rate));

    private static void AssertTime(double value, double rate, RationalTime actual)
    {
        Assert.True(T(value, rate).StrictlyEqual(actual), $"expected RationalTime({value:R}, {rate:R}), got {actual}");
    }

    [Fact]
    public void Default_range_is_zero_at_rate_one()
    {
        TimeRange range = default;
        AssertTime(0, 1, range.StartTime);
        AssertTime(0, 1, range.Duration);
        AssertTime(0, 1, new TimeRange().Duration);
    }

    [Fact]
    public void A_start_only_range_is_empty_at_the_start_rate()
    {
        var range = new TimeRange(T(10, 24));
        AssertTime(10, 24, range.StartTime);
        AssertTime(0, 24, range.Duration);
    }

    [Fact]
    public void Negative_durations_and_invalid_times_make_invalid_ranges()
    {
        Assert.False(R(0, 10, 24).IsInvalidRange);
        Assert.False(R(0, 0, 24).IsInvalidRange);
        Assert.True(R(0, -1, 24).IsInvalidRange);
        Assert.True(new TimeRange(T(0, 0), T(1, 24)).IsInvalidRange);
        Assert.True(new TimeRange(T(0, 24), T(double.NaN, 24)).IsInvalidRange);
    }

    [Fact]
    public void End_time_exclusive_is_at_the_duration_rate()
    {
        AssertTime(10, 24, R(0, 10, 24).EndTimeExclusive());
        AssertTime(3, 48, new TimeRange(T(1, 24), T(1, 48)).EndTimeExclusive());
    }

    [Fact]
    public void End_time_inclusive_is_the_last_whole_frame()
    {
        // Integral duration: one frame before the exclusive end.
        AssertTime(9, 24, R(0, 10, 24).EndTimeInclusive());
        // Mixed rates: (10@48) + (1@24 → 2@48) = 12@48, minus one frame at 48.
        AssertTime(11, 48, new TimeRange(T(1, 24), T(10, 48)).EndTimeInclusive());
    }

    [Fact]
    public void End_time_inclusive_floors_a_fractional_end()
    {
        AssertTime(10, 24, R(0, 10.5, 24).EndTimeInclusive());
        AssertTime(12, 24, R(1.5, 10.6, 24).EndTimeInclusive());
    }

    [Fact]
    public void End_time_inclusive_of_a_range_of_one_frame_or_less_is_its_start()
    {
        AssertTime(1, 24, R(1, 1, 24).EndTimeInclusive());
        AssertTime(1, 24, R(1, 0.5, 24).EndTimeInclusive());
        AssertTime(1, 24, new TimeRange(T(1, 24), T(1, 48)).EndTimeInclusive());
        AssertTime(5, 24, R(5, 0, 24).EndTimeInclusive());
    }

    [Fact]
    public void Duration_extended_by_adds_to_the_duration()
    {
        var range = R(10, 5, 24).DurationExtendedBy(T(10, 48));
        AssertTime(10, 24, range.StartTime);
        AssertTime(20, 48, range.Duration);
    }

    [Fact]
    public void Extended_by_spans_from_the_earlier_start_to_the_later_end()
    {
        var range = R(0, 10, 24).ExtendedBy(R(20, 5, 24));
        AssertTime(0, 24, range.StartTime);
        AssertTime(25, 24, range.Duration);

        var mixed = new TimeRange(T(1, 24), T(1, 48)).ExtendedBy(new TimeRange(T(1, 48), T(1, 24)));
        AssertTime(1, 48, mixed.StartTime);
        AssertTime(2, 48, mixed.Duration);
    }

    [Fact]
    public void Clamping_a_time_limits_it_to_start_and_inclusive_end()
    {
        var range = R(10, 10, 24);
        AssertTime(10, 24, range.Clamped(T(0, 24)));
        AssertTime(15, 24, range.Clamped(T(15, 24)));
        AssertTime(19, 24, range.Clamped(T(100, 24)));
    }

    [Fact]
    public void Clamping_a_range_cuts_it_to_this_one()
    {
        var clamped = R(10, 10, 24).Clamped(R(5, 30, 24));
        AssertTime(10, 24, clamped.StartTime);
        AssertTime(10, 24, clamped.Duration);

        var inner = R(10, 10, 24).Clamped(R(12, 3, 24));
        AssertTime(12, 24, inner.StartTime);
        AssertTime(3, 24, inner.Duration);
    }

    [Fact]
    public void Clamping_a_range_that_starts_earlier_keeps_its_duration_from_the_new_start()
    {
        // Reference quirk: the end is min(new start + other's duration, this end), not min(other's end, this end).
        // Other (5, 10) ends at 15, yet clamped to (10, 20) it becomes (10, 10), ending at 20.
        var clamped = R(10, 20, 24).Clamped(R(5, 10, 24));
        AssertTime(10, 24, clamped.StartTime);
        AssertTime(10, 24, clamped.Duration);
    }

    [Fact]
    public void Contains_a_time_includes_the_start_and_excludes_the_end()
    {
        var range = R(10, 10, 24);
        Assert.True(range.Contains(T(10, 24)));
        Assert.True(range.Contains(T(19.9, 24)));
        Assert.False(range.Contains(T(20, 24)));
        Assert.False(range.Contains(T(9.99, 24)));
        Assert.True(range.Overlaps(T(15, 24)));
    }

    [Fact]
    public void A_range_does_not_contain_itself()
    {
        var range = R(10, 10, 24);
        Assert.False(range.Contains(range));
        Assert.False(range.Contains(R(10, 5, 24)));
        Assert.True(range.Contains(R(11, 5, 24)));
        Assert.False(range.Contains(R(11, 9, 24)));
    }

    [Fact]
    public void Overlaps_means_starting_first_and_ending_inside_the_other()
    {
        var first = R(0, 10, 24);
        var second = R(5, 10, 24);
        Assert.True(first.Overlaps(second));
        Assert.False(second.Overlaps(first));
        Assert.False(first.Overlaps(R(10, 10, 24)));
    }

    [Fact]
    public void Intersects_needs_more_than_epsilon_in_common()
    {
        Assert.True(R(0, 10, 24).Intersects(R(5, 10, 24)));
        Assert.True(R(5, 10, 24).Intersects(R(0, 10, 24)));
        Assert.False(R(0, 10, 24).Intersects(R(10, 10, 24)));
        Assert.True(R(0, 10, 24).Intersects(R(2, 2, 24)));
    }

    [Fact]
    public void Before_needs_a_gap_of_at_least_epsilon()
    {
        var range = new TimeRange(T(0, 1), T(1, 1));
        Assert.True(range.Before(new TimeRange(T(1.00001, 1), T(1, 1))));
        Assert.False(range.Before(new TimeRange(T(1.000001, 1), T(1, 1))));
        Assert.False(range.Before(new TimeRange(T(1, 1), T(1, 1))));
        Assert.True(range.Before(T(1.00001, 1)));
        Assert.False(range.Before(T(1, 1)));
    }

    [Fact]
    public void Meets_allows_a_gap_up_to_epsilon_but_no_overlap()
    {
        var range = new TimeRange(T(0, 1), T(1, 1));
        Assert.True(range.Meets(new TimeRange(T(1, 1), T(1, 1))));
        Assert.True(range.Meets(new TimeRange(T(1.000001, 1), T(1, 1))));
        Assert.False(range.Meets(new TimeRange(T(1.00001, 1), T(1, 1))));
        Assert.False(range.Meets(new TimeRange(T(0.999999, 1), T(1, 1))));
    }

    [Fact]
    public void Begins_means_same_start_and_earlier_end()
    {
        var range = R(10, 5, 24);
        Assert.True(range.Begins(R(10, 10, 24)));
        Assert.False(range.Begins(R(10, 5, 24)));
        Assert.False(R(10, 10, 24).Begins(range));
        Assert.True(range.Begins(T(10, 24)));
        Assert.True(range.Begins(T(20, 48)));
        Assert.False(range.Begins(T(11, 24)));
    }

    [Fact]
    public void Finishes_means_same_end_and_later_start()
    {
        var range = R(15, 5, 24);
        Assert.True(range.Finishes(R(10, 10, 24)));
        Assert.False(range.Finishes(range));
        Assert.False(R(10, 10, 24).Finishes(range));
        Assert.True(range.Finishes(T(20, 24)));
        Assert.False(range.Finishes(T(19, 24)));
    }

    [Fact]
    public void Relations_take_a_custom_epsilon()
    {
        var range = new TimeRange(T(0, 1), T(1, 1));
        var next = new TimeRange(T(1.1, 1), T(1, 1));
        Assert.True(range.Meets(next, 0.2));
        Assert.False(range.Before(next, 0.2));
        Assert.True(range.Before(next, 0.05));
    }

    [Fact]
    public void Ranges_are_equal_within_epsilon_across_rates()
    {
        Assert.True(R(0, 10, 24) == R(0, 20, 48));
        Assert.True(new TimeRange(T(10, 25), T(12, 30)) == new TimeRange(T(12, 30), T(10, 25)));
        Assert.True(new TimeRange(T(1, 1), T(1, 1)) == new TimeRange(T(1.000001, 1), T(1, 1)));
        Assert.False(new TimeRange(T(1, 1), T(1, 1)) == new TimeRange(T(1.00001, 1), T(1, 1)));
        Assert.True(new TimeRange(T(1, 1), T(1, 1)) != new TimeRange(T(1, 1), T(2, 1)));
        Assert.True(R(0, 10, 24).Equals(R(0, 20, 48)));
        Assert.Equal(R(0, 10, 24).GetHashCode(), R(0, 20, 48).GetHashCode());
    }

    [Fact]
    public void Range_from_start_and_end_rebuilds_the_range()
    {
        var range = TimeRange.RangeFromStartEndTime(T(10, 24), T(20, 24));
        AssertTime(10, 24, range.StartTime);
        AssertTime(10, 24, range.Duration);

        var inclusive = TimeRange.RangeFromStartEndTimeInclusive(T(10, 24), T(19, 24));
        AssertTime(10, 24, inclusive.Duration);

        var mixed = TimeRange.RangeFromStartEndTime(T(1, 24), T(1, 48));
        AssertTime(-0.5, 24, mixed.Duration);
    }

    [Fact]
    public void To_string_shows_both_times()
    {
        Assert.Equal("TimeRange(RationalTime(0, 24), RationalTime(10, 24))", R(0, 10, 24).ToString());
    }

    [Fact]
    public void Default_epsilon_is_half_a_sample_at_192_khz()
    {
        Assert.Equal(1.0 / 384000, TimeRange.DefaultEpsilon);
    }
}
