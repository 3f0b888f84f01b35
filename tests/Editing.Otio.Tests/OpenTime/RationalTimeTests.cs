using Editing.Otio.OpenTime;

namespace Editing.Otio.Tests.OpenTime;

public sealed class RationalTimeTests
{
    private const double Ntsc24 = 24000.0 / 1001.0;
    private const double Ntsc30 = 30000.0 / 1001.0;
    private const double Ntsc60 = 60000.0 / 1001.0;

    private static void AssertTime(double value, double rate, RationalTime actual)
    {
        Assert.True(
            new RationalTime(value, rate).StrictlyEqual(actual),
            $"expected RationalTime({value:R}, {rate:R}), got {actual}");
    }

    // ---- construction and validity ----

    [Fact]
    public void Default_is_zero_at_rate_one()
    {
        AssertTime(0, 1, default);
        AssertTime(0, 1, new RationalTime());
        AssertTime(5, 1, new RationalTime(5));
    }

    [Fact]
    public void Rates_round_trip_bit_for_bit()
    {
        foreach (var rate in new[] { -0.0, 0.0, double.NaN, double.PositiveInfinity, 23.976024627685547, Ntsc24, 1e-300 })
        {
            var t = new RationalTime(1, rate);
            Assert.Equal(BitConverter.DoubleToInt64Bits(rate), BitConverter.DoubleToInt64Bits(t.Rate));
        }
    }

    [Theory]
    [InlineData(0.0, 24.0, false)]
    [InlineData(1.0, 0.0, true)]
    [InlineData(1.0, -24.0, true)]
    [InlineData(double.NaN, 24.0, true)]
    [InlineData(1.0, double.NaN, true)]
    [InlineData(-5.0, 24.0, false)]
    public void Invalid_time_means_nan_or_non_positive_rate(double value, double rate, bool invalid)
    {
        Assert.Equal(invalid, new RationalTime(value, rate).IsInvalidTime);
    }

    // ---- rescaling ----

    [Fact]
    public void Rescaling_multiplies_before_dividing()
    {
        Assert.Equal(2.0, new RationalTime(1, 24).ValueRescaledTo(48));
        // 1 × 48 / 23.976023976023978 — not 1 × (48 / rate).
        Assert.Equal(1.0 * 48 / Ntsc24, new RationalTime(1, Ntsc24).ValueRescaledTo(48));
        AssertTime(2, 48, new RationalTime(1, 24).RescaledTo(48));
        AssertTime(2, 48, new RationalTime(1, 24).RescaledTo(new RationalTime(7, 48)));
        Assert.Equal(2.0, new RationalTime(1, 24).ValueRescaledTo(new RationalTime(7, 48)));
    }

    [Fact]
    public void Rescaling_to_the_same_rate_returns_the_value_untouched()
    {
        var value = 0.1 + 0.2;
        Assert.Equal(value, new RationalTime(value, Ntsc30).ValueRescaledTo(Ntsc30));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-24.0)]
    public void Rescaling_to_a_non_positive_rate_gives_zero(double rate)
    {
        Assert.Equal(0.0, new RationalTime(10, 24).ValueRescaledTo(rate));
        AssertTime(0, rate, new RationalTime(10, 24).RescaledTo(rate));
    }

    // ---- arithmetic ----

    [Fact]
    public void Adding_times_at_different_rates_yields_the_larger_rate()
    {
        AssertTime(3, 48, new RationalTime(1, 24) + new RationalTime(1, 48));
        AssertTime(3, 48, new RationalTime(1, 48) + new RationalTime(1, 24));
        AssertTime(24, 30, new RationalTime(10, 25) + new RationalTime(12, 30));
    }

    [Fact]
    public void Subtracting_times_at_different_rates_yields_the_larger_rate()
    {
        AssertTime(1, 48, new RationalTime(1, 24) - new RationalTime(1, 48));
        AssertTime(-1, 48, new RationalTime(1, 48) - new RationalTime(1, 24));
    }

    [Fact]
    public void Equal_rates_keep_that_rate()
    {
        AssertTime(5, 24, new RationalTime(2, 24) + new RationalTime(3, 24));
        AssertTime(-1, 24, new RationalTime(2, 24) - new RationalTime(3, 24));
    }

    [Fact]
    public void Unary_minus_negates_the_value()
    {
        AssertTime(-3, 24, -new RationalTime(3, 24));
    }

    // ---- equality and comparison ----

    [Fact]
    public void One_at_24_equals_two_at_48()
    {
        Assert.True(new RationalTime(1, 24) == new RationalTime(2, 48));
        Assert.False(new RationalTime(1, 24) != new RationalTime(2, 48));
        Assert.True(new RationalTime(1, 24).Equals(new RationalTime(2, 48)));
        Assert.Equal(new RationalTime(1, 24).GetHashCode(), new RationalTime(2, 48).GetHashCode());
        Assert.False(new RationalTime(1, 24).StrictlyEqual(new RationalTime(2, 48)));
    }

    [Fact]
    public void Equality_is_exact_without_tolerance()
    {
        var a = new RationalTime(1, 24);
        var b = new RationalTime(1.0000000001, 24);
        Assert.False(a == b);
        Assert.True(a.AlmostEqual(b, 1e-9));
        Assert.False(a.AlmostEqual(b));
        Assert.True(a.AlmostEqual(new RationalTime(2, 48)));
    }

    [Fact]
    public void Comparisons_are_in_seconds()
    {
        var a = new RationalTime(1, 24);  // 0.0417 s
        var b = new RationalTime(3, 48);  // 0.0625 s
        Assert.True(a < b);
        Assert.True(a <= b);
        Assert.False(a > b);
        Assert.False(a >= b);
        Assert.True(a <= new RationalTime(2, 48));
        Assert.True(a >= new RationalTime(2, 48));
        Assert.True(a.CompareTo(b) < 0);
        Assert.Equal(0, a.CompareTo(new RationalTime(2, 48)));
    }

    // ---- rounding, frames, seconds ----

    [Fact]
    public void Rounding_acts_on_the_value_and_halves_go_away_from_zero()
    {
        AssertTime(2, 24, new RationalTime(2.7, 24).Floor());
        AssertTime(-3, 24, new RationalTime(-2.5, 24).Floor());
        AssertTime(3, 24, new RationalTime(2.1, 24).Ceil());
        AssertTime(3, 24, new RationalTime(2.5, 24).Round());
        AssertTime(-3, 24, new RationalTime(-2.5, 24).Round());
        AssertTime(2, 24, new RationalTime(2.4, 24).Round());
    }

    [Fact]
    public void To_frames_truncates_toward_zero()
    {
        Assert.Equal(10, new RationalTime(10.9, 24).ToFrames());
        Assert.Equal(-1, new RationalTime(-1.5, 24).ToFrames());
        Assert.Equal(3, new RationalTime(1.9, 24).ToFrames(48));
        Assert.Equal(48, new RationalTime(24, 24).ToFrames(48));
    }

    [Fact]
    public void From_frames_truncates_and_from_seconds_rescales()
    {
        AssertTime(2, 24, RationalTime.FromFrames(2.9, 24));
        AssertTime(-2, 24, RationalTime.FromFrames(-2.9, 24));
        AssertTime(36, 24, RationalTime.FromSeconds(1.5, 24));
        AssertTime(1.5, 1, RationalTime.FromSeconds(1.5));
        Assert.Equal(1.0 / 24, new RationalTime(1, 24).ToSeconds());
    }

    [Fact]
    public void Duration_from_start_and_end_is_at_the_start_rate()
    {
        AssertTime(10, 24, RationalTime.DurationFromStartEndTime(new RationalTime(10, 24), new RationalTime(20, 24)));
        AssertTime(-0.5, 24, RationalTime.DurationFromStartEndTime(new RationalTime(1, 24), new RationalTime(1, 48)));
        AssertTime(10, 24,
            RationalTime.DurationFromStartEndTimeInclusive(new RationalTime(10, 24), new RationalTime(19, 24)));
        AssertTime(0.5, 24,
            RationalTime.DurationFromStartEndTimeInclusive(new RationalTime(1, 24), new RationalTime(1, 48)));
    }

    [Fact]
    public void To_string_shows_value_and_rate()
    {
        Assert.Equal("RationalTime(24, 24)", new RationalTime(24, 24).ToString());
        Assert.Equal("RationalTime(1.5, 23.976023976023978)", new RationalTime(1.5, Ntsc24).ToString());
    }

    // ---- SMPTE rates ----

    [Fact]
    public void Smpte_rates_are_exact_and_zero_is_a_quirk_member()
    {
        Assert.True(RationalTime.IsSmpteTimecodeRate(Ntsc30));
        Assert.True(RationalTime.IsSmpteTimecodeRate(24));
        Assert.True(RationalTime.IsSmpteTimecodeRate(0));
        Assert.False(RationalTime.IsSmpteTimecodeRate(29.97));
        Assert.False(RationalTime.IsSmpteTimecodeRate(23.976));
        Assert.False(RationalTime.IsSmpteTimecodeRate(120));
    }

    [Theory]
    [InlineData(29.97, 30000.0 / 1001.0)]
    [InlineData(23.98, 24000.0 / 1001.0)]
    [InlineData(12, 24000.0 / 1001.0)]
    [InlineData(11, 0)]
    [InlineData(1, 0)]
    [InlineData(120, 60)]
    [InlineData(24.5, 24)]
    public void Nearest_smpte_rate_picks_the_closest_list_entry(double rate, double expected)
    {
        Assert.Equal(expected, RationalTime.NearestSmpteTimecodeRate(rate));
    }

    // ---- to timecode ----

    [Theory]
    [InlineData(1799, "00:00:59;29")]
    [InlineData(1800, "00:01:00;02")]
    [InlineData(10789, "00:05:59;29")]
    [InlineData(10790, "00:06:00;02")]
    [InlineData(17981, "00:09:59;29")]
    [InlineData(17982, "00:10:00;00")]
    [InlineData(17983, "00:10:00;01")]
    [InlineData(107892, "01:00:00;00")]
    public void Drop_frame_timecode_at_29_97_skips_two_labels_a_minute_except_every_tenth(double frames, string expected)
    {
        Assert.Equal(expected, new RationalTime(frames, Ntsc30).ToTimecode());
        Assert.Equal(expected, new RationalTime(frames, Ntsc30).ToTimecode(Ntsc30, IsDropFrameRate.ForceYes));
    }

    [Fact]
    public void Forcing_non_drop_frame_at_29_97_counts_thirty_labels_a_second()
    {
        Assert.Equal("00:00:59:29", new RationalTime(1799, Ntsc30).ToTimecode(Ntsc30, IsDropFrameRate.ForceNo));
        Assert.Equal("00:01:00:00", new RationalTime(1800, Ntsc30).ToTimecode(Ntsc30, IsDropFrameRate.ForceNo));
        // The 24-hour wrap is still that of 29.97: 24 × 107892 = 2589408 frames, i.e. 23:58:33:18 in NDF labels.
        Assert.Equal("00:00:00:00", new RationalTime(2589408, Ntsc30).ToTimecode(Ntsc30, IsDropFrameRate.ForceNo));
    }

    [Fact]
    public void Drop_frame_at_59_94_skips_four_labels()
    {
        Assert.Equal("00:00:59;59", new RationalTime(3599, Ntsc60).ToTimecode());
        Assert.Equal("00:01:00;04", new RationalTime(3600, Ntsc60).ToTimecode());
        Assert.Equal("00:10:00;00", new RationalTime(35964, Ntsc60).ToTimecode());
    }

    [Fact]
    public void Literal_ntsc_rates_snap_to_the_exact_ones()
    {
        Assert.Equal("00:01:00;02", new RationalTime(1800, 29.97).ToTimecode());
        Assert.Equal("01:00:00:00", new RationalTime(86400, 23.976).ToTimecode());
        Assert.Equal("00:00:01:00", new RationalTime(24, 23.98).ToTimecode());
    }

    [Fact]
    public void Timecode_rolls_over_after_24_hours_and_truncates_fractional_frames()
    {
        Assert.Equal("23:59:59:23", new RationalTime(2073599, 24).ToTimecode());
        Assert.Equal("00:00:00:00", new RationalTime(2073600, 24).ToTimecode());
        Assert.Equal("01:25:44:00", new RationalTime(123456.5, 24).ToTimecode());
    }

    [Fact]
    public void Timecode_can_be_written_at_another_rate()
    {
        Assert.Equal("00:00:01:00", new RationalTime(48, 48).ToTimecode(24));
        Assert.Equal("00:00:00:12", new RationalTime(0.5, 1).ToTimecode(24));
    }

    [Fact]
    public void Nearest_timecode_snaps_however_far_the_rate_is()
    {
        var t = new RationalTime(120, 120);
        Assert.Equal(OtioErrorKind.InvalidTimecodeRate, Assert.Throws<OtioException>(() => t.ToTimecode(120)).Kind);
        Assert.Equal("00:00:01:00", t.ToNearestTimecode(120));
    }

    [Fact]
    public void Negative_times_have_no_timecode()
    {
        var ex = Assert.Throws<OtioException>(() => new RationalTime(-1, 24).ToTimecode());
        Assert.Equal(OtioErrorKind.NegativeValue, ex.Kind);
        Assert.Equal("value cannot be negative here", ex.Message);
    }

    [Fact]
    public void Forcing_drop_frame_at_a_non_drop_rate_is_refused()
    {
        var ex = Assert.Throws<OtioException>(() => new RationalTime(1, 24).ToTimecode(24, IsDropFrameRate.ForceYes));
        Assert.Equal(OtioErrorKind.InvalidRateForDropFrameTimecode, ex.Kind);
        Assert.Equal("rate is not valid for drop frame timecode", ex.Message);
    }

    [Fact]
    public void Rates_far_from_smpte_are_refused()
    {
        var ex = Assert.Throws<OtioException>(() => new RationalTime(1, 12).ToTimecode());
        Assert.Equal(OtioErrorKind.InvalidTimecodeRate, ex.Kind);
        Assert.Equal("SMPTE timecode does not support this rate", ex.Message);
    }

    [Fact]
    public void Try_to_timecode_reports_instead_of_throwing()
    {
        Assert.True(new RationalTime(24, 24).TryToTimecode(24, out var timecode));
        Assert.Equal("00:00:01:00", timecode);
        Assert.False(new RationalTime(-1, 24).TryToTimecode(24, out timecode));
        Assert.Null(timecode);
        Assert.False(new RationalTime(1, 24).TryToTimecode(24, IsDropFrameRate.ForceYes, out timecode, out var error));
        Assert.Null(timecode);
        Assert.Equal(OtioErrorKind.InvalidRateForDropFrameTimecode, error.Kind);
    }

    // ---- from timecode ----

    [Theory]
    [InlineData("00:01:00;02", 1800)]
    [InlineData("00:00:59;29", 1799)]
    [InlineData("00:10:00;00", 17982)]
    [InlineData("01:00:00;00", 107892)]
    [InlineData("00:01:00;00", 1798)] // a label a DF counter never shows, accepted anyway
    [InlineData("00:01:00:00", 1800)] // no ';' → NDF even at a DF rate
    public void From_timecode_at_29_97_undoes_the_drop(string timecode, double frames)
    {
        var t = RationalTime.FromTimecode(timecode, Ntsc30);
        AssertTime(frames, Ntsc30, t);
    }

    [Fact]
    public void From_timecode_reads_fields_by_position()
    {
        AssertTime(86400, 24, RationalTime.FromTimecode("01:00:00:00", 24));
        // Trailing text is ignored.
        AssertTime(86400, 24, RationalTime.FromTimecode("01:00:00:00:00", 24));
        // Separators are not checked: "00:00:00.00" reads as 00:00:00:00.
        AssertTime(0, 24, RationalTime.FromTimecode("00:00:00.00", 24));
        // "1:02:03:04" misparses as fields "1:", "2:", "3:", "4" → 01:02:03:04 → (3723 × 24) + 4.
        AssertTime(89356, 24, RationalTime.FromTimecode("1:02:03:04", 24));
    }

    [Theory]
    [InlineData("00:00:00:00", 29.97, OtioErrorKind.InvalidTimecodeRate)]
    [InlineData("00:00:00;00", 24.0, OtioErrorKind.InvalidRateForDropFrameTimecode)]
    [InlineData("aa:bb:cc:dd", 24.0, OtioErrorKind.InvalidTimecodeString)]
    [InlineData("00:00:00", 24.0, OtioErrorKind.InvalidTimecodeString)]
    [InlineData("-01:00:00:00", 24.0, OtioErrorKind.InvalidTimecodeString)]
    [InlineData("00:00:00:24", 24.0, OtioErrorKind.TimecodeRateMismatch)]
    public void From_timecode_refusals_name_the_reference_error(string timecode, double rate, OtioErrorKind kind)
    {
        var ex = Assert.Throws<OtioException>(() => RationalTime.FromTimecode(timecode, rate));
        Assert.Equal(kind, ex.Kind);
        Assert.False(RationalTime.TryFromTimecode(timecode, rate, out var result));
        Assert.True(result.IsInvalidTime);
        Assert.False(RationalTime.TryFromTimecode(timecode, rate, out _, out var error));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(ex.Message, error.Message);
    }

    // ---- time strings ----

    [Theory]
    [InlineData(1799, 30000.0 / 1001.0, "00:01:00.026633")]
    [InlineData(0.1234567, 1, "00:00:00.123456")]
    [InlineData(1.5, 1, "00:00:01.5")]
    [InlineData(-0.5, 1, "-00:00:00.5")]
    [InlineData(90000, 1, "01:00:00.0")]
    [InlineData(86400.5, 1, "00:00:00.5")]
    [InlineData(24, 24, "00:00:01.0")]
    public void To_time_string_prints_seconds_with_up_to_six_decimals(double value, double rate, string expected)
    {
        Assert.Equal(expected, new RationalTime(value, rate).ToTimeString());
    }

    [Fact]
    public void To_time_string_keeps_the_reference_quirks()
    {
        // The fraction rounds to "1" under %.7g and is lost.
        Assert.Equal("00:00:00.0", new RationalTime(0.99999999, 1).ToTimeString());
        // Exponent notation leaks through: "1e-08" minus its first character.
        Assert.Equal("00:00:00e-08", new RationalTime(1e-8, 1).ToTimeString());
        // "1.234e-05" minus its first character, cut to 7 characters.
        Assert.Equal("00:00:00.234e-0", new RationalTime(0.00001234, 1).ToTimeString());
    }

    [Theory]
    [InlineData("01:02:03.456789", 24, 89362.962936)]
    [InlineData("10.5", 24, 252)]
    [InlineData("00:10.5", 24, 252)]
    [InlineData("24:00:00.0", 24, 2073600)]
    [InlineData("1:1:1", 24, 87864)]
    [InlineData(":1", 24, 24)]
    [InlineData("", 24, 0)]
    public void From_time_string_reads_hours_minutes_seconds(string text, double rate, double value)
    {
        AssertTime(value, rate, RationalTime.FromTimeString(text, rate));
    }

    [Theory]
    [InlineData("-00:00:01.0")]
    [InlineData("00:00:60.0")]
    [InlineData("00:60:00.0")]
    [InlineData("00:00:0a")]
    [InlineData("::1")]
    [InlineData("1::")]
    [InlineData("1:00:00:00")]
    [InlineData("00:00:01,5")]
    [InlineData("12345678901234567890")]
    public void From_time_string_refuses_malformed_text(string text)
    {
        var ex = Assert.Throws<OtioException>(() => RationalTime.FromTimeString(text, 24));
        Assert.Equal(OtioErrorKind.InvalidTimeString, ex.Kind);
        Assert.Equal("invalid time string", ex.Message);
        Assert.False(RationalTime.TryFromTimeString(text, 24, out var result));
        Assert.True(result.IsInvalidTime);
    }

    [Fact]
    public void From_time_string_needs_an_smpte_rate()
    {
        var ex = Assert.Throws<OtioException>(() => RationalTime.FromTimeString("00:00:01.0", 17));
        Assert.Equal(OtioErrorKind.InvalidTimecodeRate, ex.Kind);
        Assert.False(RationalTime.TryFromTimeString("00:00:01.0", 17, out _, out var error));
        Assert.Equal(OtioErrorKind.InvalidTimecodeRate, error.Kind);
    }
}
