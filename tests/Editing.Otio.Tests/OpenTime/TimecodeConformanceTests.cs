using System.Text.Json;
using Editing.Otio.OpenTime;
using Xunit.Abstractions;

namespace Editing.Otio.Tests.OpenTime;

/// <summary>
/// Checks every entry of <c>shared/conformance/otio/timecodes.json</c> (produced by the reference C++ library) against
/// the managed opentime: strings exactly, doubles bit for bit, errors by message. Each entry is its own test case.
/// When the shared data is absent every theory reports a single case that prints "SKIPPED" instead of failing.
/// </summary>
public sealed class TimecodeConformanceTests
{
    private const string RelativePath = "conformance/otio/timecodes.json";
    private const string Skipped = "SKIPPED: ../shared/conformance not found";

    private static readonly Lazy<JsonDocument?> Document = new(Load);

    private readonly ITestOutputHelper _output;

    public TimecodeConformanceTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> ToTimecodeCases() => Indices("to_timecode");

    public static IEnumerable<object[]> FromTimecodeCases() => Indices("from_timecode");

    public static IEnumerable<object[]> FromTimeStringCases() => Indices("from_time_string");

    public static IEnumerable<object[]> ToTimeStringExtraCases() => Indices("to_time_string_extra");

    public static IEnumerable<object[]> SmpteRateCases() => Indices("smpte_rates");

    public static IEnumerable<object[]> ArithmeticCases() => Indices("arithmetic");

    [Fact]
    public void The_table_has_only_sections_this_suite_checks()
    {
        if (Document.Value is not { } doc)
        {
            _output.WriteLine(Skipped);
            return;
        }
        var known = new HashSet<string>
        {
            "oracle", "to_timecode", "from_timecode", "from_time_string", "to_time_string_extra", "smpte_rates",
            "arithmetic",
        };
        foreach (var section in doc.RootElement.EnumerateObject())
        {
            Assert.Contains(section.Name, known);
            if (section.Value.ValueKind == JsonValueKind.Array)
            {
                Assert.NotEqual(0, section.Value.GetArrayLength());
                _output.WriteLine($"{section.Name}: {section.Value.GetArrayLength()} entries");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ToTimecodeCases), DisableDiscoveryEnumeration = true)]
    public void To_timecode_entry_matches_the_reference(int index)
    {
        if (!TryEntry("to_timecode", index, out var e))
        {
            return;
        }
        AssertKeys(e, "value", "rate", "infer", "force_ndf", "force_df", "nearest_infer", "time_string", "seconds",
            "to_frames", "rescaled_to_48");
        var rate = e.GetProperty("rate").GetDouble();
        var t = new RationalTime(e.GetProperty("value").GetDouble(), rate);

        AssertTextOrError(e.GetProperty("infer"), () => t.ToTimecode(rate, IsDropFrameRate.InferFromRate));
        AssertTextOrError(e.GetProperty("force_ndf"), () => t.ToTimecode(rate, IsDropFrameRate.ForceNo));
        AssertTextOrError(e.GetProperty("force_df"), () => t.ToTimecode(rate, IsDropFrameRate.ForceYes));
        AssertTextOrError(e.GetProperty("nearest_infer"), () => t.ToNearestTimecode(rate, IsDropFrameRate.InferFromRate));
        Assert.Equal(e.GetProperty("time_string").GetString(), t.ToTimeString());
        AssertExact(e.GetProperty("seconds"), t.ToSeconds());
        Assert.Equal(e.GetProperty("to_frames").GetInt64(), t.ToFrames());
        AssertExact(e.GetProperty("rescaled_to_48"), t.ValueRescaledTo(48));

        // The Try variant agrees with the throwing one.
        var infer = e.GetProperty("infer");
        var ok = t.TryToTimecode(rate, IsDropFrameRate.InferFromRate, out var timecode, out var error);
        if (infer.ValueKind == JsonValueKind.String)
        {
            Assert.True(ok);
            Assert.Null(error);
            Assert.Equal(infer.GetString(), timecode);
        }
        else
        {
            Assert.False(ok);
            Assert.Null(timecode);
            Assert.Equal(infer.GetProperty("error").GetString(), error!.Message);
        }
    }

    [Theory]
    [MemberData(nameof(FromTimecodeCases), DisableDiscoveryEnumeration = true)]
    public void From_timecode_entry_matches_the_reference(int index)
    {
        if (!TryEntry("from_timecode", index, out var e))
        {
            return;
        }
        var text = e.GetProperty("timecode").GetString()!;
        var rate = e.GetProperty("rate").GetDouble();
        if (e.TryGetProperty("error", out var message))
        {
            AssertKeys(e, "timecode", "rate", "error");
            var ex = Assert.Throws<OtioException>(() => RationalTime.FromTimecode(text, rate));
            AssertError(message.GetString()!, ex);
            Assert.False(RationalTime.TryFromTimecode(text, rate, out var invalid, out var error));
            Assert.True(invalid.IsInvalidTime);
            Assert.Equal(message.GetString(), error.Message);
            return;
        }
        AssertKeys(e, "timecode", "rate", "value", "result_rate");
        var result = RationalTime.FromTimecode(text, rate);
        AssertExact(e.GetProperty("value"), result.Value);
        AssertExact(e.GetProperty("result_rate"), result.Rate);
        Assert.True(RationalTime.TryFromTimecode(text, rate, out var tried, out var none));
        Assert.Null(none);
        Assert.True(tried.StrictlyEqual(result));
    }

    [Theory]
    [MemberData(nameof(FromTimeStringCases), DisableDiscoveryEnumeration = true)]
    public void From_time_string_entry_matches_the_reference(int index)
    {
        if (!TryEntry("from_time_string", index, out var e))
        {
            return;
        }
        var text = e.GetProperty("time_string").GetString()!;
        var rate = e.GetProperty("rate").GetDouble();
        if (e.TryGetProperty("error", out var message))
        {
            AssertKeys(e, "time_string", "rate", "error");
            var ex = Assert.Throws<OtioException>(() => RationalTime.FromTimeString(text, rate));
            AssertError(message.GetString()!, ex);
            Assert.False(RationalTime.TryFromTimeString(text, rate, out var invalid, out var error));
            Assert.True(invalid.IsInvalidTime);
            Assert.Equal(message.GetString(), error.Message);
            return;
        }
        AssertKeys(e, "time_string", "rate", "value", "result_rate");
        var result = RationalTime.FromTimeString(text, rate);
        AssertExact(e.GetProperty("value"), result.Value);
        AssertExact(e.GetProperty("result_rate"), result.Rate);
        Assert.True(RationalTime.TryFromTimeString(text, rate, out var tried, out var none));
        Assert.Null(none);
        Assert.True(tried.StrictlyEqual(result));
    }

    [Theory]
    [MemberData(nameof(ToTimeStringExtraCases), DisableDiscoveryEnumeration = true)]
    public void To_time_string_extra_entry_matches_the_reference(int index)
    {
        if (!TryEntry("to_time_string_extra", index, out var e))
        {
            return;
        }
        AssertKeys(e, "value", "rate", "time_string");
        var t = new RationalTime(e.GetProperty("value").GetDouble(), e.GetProperty("rate").GetDouble());
        Assert.Equal(e.GetProperty("time_string").GetString(), t.ToTimeString());
    }

    [Theory]
    [MemberData(nameof(SmpteRateCases), DisableDiscoveryEnumeration = true)]
    public void Smpte_rate_entry_matches_the_reference(int index)
    {
        if (!TryEntry("smpte_rates", index, out var e))
        {
            return;
        }
        AssertKeys(e, "rate", "is_smpte_timecode_rate", "nearest_smpte_timecode_rate");
        var rate = e.GetProperty("rate").GetDouble();
        Assert.Equal(e.GetProperty("is_smpte_timecode_rate").GetBoolean(), RationalTime.IsSmpteTimecodeRate(rate));
        AssertExact(e.GetProperty("nearest_smpte_timecode_rate"), RationalTime.NearestSmpteTimecodeRate(rate));
    }

    [Theory]
    [MemberData(nameof(ArithmeticCases), DisableDiscoveryEnumeration = true)]
    public void Arithmetic_entry_matches_the_reference(int index)
    {
        if (!TryEntry("arithmetic", index, out var e))
        {
            return;
        }
        AssertKeys(e, "a", "b", "a_plus_b", "a_minus_b", "a_eq_b", "a_lt_b", "a_le_b", "a_gt_b", "a_almost_eq_b_1e-9",
            "a_rescaled_to_b", "range_a_b_end_exclusive", "range_a_b_end_inclusive", "range_a_b_extended_by_range_b_a",
            "range_a_b_clamped_range_b_a", "range_a_b_contains_b", "range_a_b_overlaps_range_b_a",
            "range_a_b_intersects_range_b_a", "range_a_b_eq_range_b_a", "range_from_start_end_a_b",
            "range_from_start_end_inclusive_a_b");
        var a = ReadTime(e.GetProperty("a"));
        var b = ReadTime(e.GetProperty("b"));
        var rangeAB = new TimeRange(a, b);
        var rangeBA = new TimeRange(b, a);

        AssertTime(e.GetProperty("a_plus_b"), a + b);
        AssertTime(e.GetProperty("a_minus_b"), a - b);
        Assert.Equal(e.GetProperty("a_eq_b").GetBoolean(), a == b);
        Assert.Equal(!e.GetProperty("a_eq_b").GetBoolean(), a != b);
        Assert.Equal(e.GetProperty("a_lt_b").GetBoolean(), a < b);
        Assert.Equal(e.GetProperty("a_le_b").GetBoolean(), a <= b);
        Assert.Equal(e.GetProperty("a_gt_b").GetBoolean(), a > b);
        Assert.Equal(e.GetProperty("a_almost_eq_b_1e-9").GetBoolean(), a.AlmostEqual(b, 1e-9));
        AssertTime(e.GetProperty("a_rescaled_to_b"), a.RescaledTo(b));
        AssertTime(e.GetProperty("range_a_b_end_exclusive"), rangeAB.EndTimeExclusive());
        AssertTime(e.GetProperty("range_a_b_end_inclusive"), rangeAB.EndTimeInclusive());
        AssertRange(e.GetProperty("range_a_b_extended_by_range_b_a"), rangeAB.ExtendedBy(rangeBA));
        AssertRange(e.GetProperty("range_a_b_clamped_range_b_a"), rangeAB.Clamped(rangeBA));
        Assert.Equal(e.GetProperty("range_a_b_contains_b").GetBoolean(), rangeAB.Contains(b));
        Assert.Equal(e.GetProperty("range_a_b_overlaps_range_b_a").GetBoolean(), rangeAB.Overlaps(rangeBA));
        Assert.Equal(e.GetProperty("range_a_b_intersects_range_b_a").GetBoolean(), rangeAB.Intersects(rangeBA));
        Assert.Equal(e.GetProperty("range_a_b_eq_range_b_a").GetBoolean(), rangeAB == rangeBA);
        AssertRange(e.GetProperty("range_from_start_end_a_b"), TimeRange.RangeFromStartEndTime(a, b));
        AssertRange(e.GetProperty("range_from_start_end_inclusive_a_b"), TimeRange.RangeFromStartEndTimeInclusive(a, b));
    }

    private static JsonDocument? Load()
    {
        var path = SharedData.Find(RelativePath);
        return path is null ? null : JsonDocument.Parse(File.ReadAllBytes(path));
    }

    // One case per entry; a single placeholder case (-1) when the data is absent, which reports SKIPPED.
    private static IEnumerable<object[]> Indices(string section)
    {
        if (Document.Value is not { } doc || !doc.RootElement.TryGetProperty(section, out var entries))
        {
            yield return [-1];
            yield break;
        }
        var count = entries.GetArrayLength();
        for (var i = 0; i < count; i++)
        {
            yield return [i];
        }
    }

    private bool TryEntry(string section, int index, out JsonElement entry)
    {
        entry = default;
        if (index < 0 || Document.Value is not { } doc)
        {
            _output.WriteLine(Skipped);
            return false;
        }
        entry = doc.RootElement.GetProperty(section)[index];
        _output.WriteLine($"{section}[{index}]: {entry.GetRawText()}");
        return true;
    }

    // Every key of the entry must be one this test checks, and every checked key must be there.
    private static void AssertKeys(JsonElement entry, params string[] expected)
    {
        var actual = entry.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), actual);
    }

    private static void AssertTextOrError(JsonElement expected, Func<string> act)
    {
        if (expected.ValueKind == JsonValueKind.String)
        {
            Assert.Equal(expected.GetString(), act());
            return;
        }
        var ex = Assert.Throws<OtioException>(act);
        AssertError(expected.GetProperty("error").GetString()!, ex);
    }

    private static void AssertError(string message, OtioException ex)
    {
        Assert.Equal(message, ex.Message);
        var kind = message switch
        {
            "SMPTE timecode does not support this rate" => OtioErrorKind.InvalidTimecodeRate,
            "string is not a SMPTE timecode string" => OtioErrorKind.InvalidTimecodeString,
            "timecode specifies a frame higher than its rate" => OtioErrorKind.TimecodeRateMismatch,
            "invalid time string" => OtioErrorKind.InvalidTimeString,
            "value cannot be negative here" => OtioErrorKind.NegativeValue,
            "rate is not valid for drop frame timecode" => OtioErrorKind.InvalidRateForDropFrameTimecode,
            _ => throw new InvalidOperationException($"unknown reference error message '{message}'"),
        };
        Assert.Equal(kind, ex.Kind);
    }

    // Exact double comparison, including the sign of zero.
    private static void AssertExact(JsonElement expected, double actual)
    {
        var value = expected.GetDouble();
        Assert.True(
            BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(actual)
            || (value == actual && value != 0),
            $"expected {value:R} ({expected.GetRawText()}), got {actual:R}");
    }

    private static RationalTime ReadTime(JsonElement e) =>
        new(e.GetProperty("value").GetDouble(), e.GetProperty("rate").GetDouble());

    private static void AssertTime(JsonElement expected, RationalTime actual)
    {
        AssertExact(expected.GetProperty("value"), actual.Value);
        AssertExact(expected.GetProperty("rate"), actual.Rate);
    }

    private static void AssertRange(JsonElement expected, TimeRange actual)
    {
        AssertTime(expected.GetProperty("start_time"), actual.StartTime);
        AssertTime(expected.GetProperty("duration"), actual.Duration);
    }
}
