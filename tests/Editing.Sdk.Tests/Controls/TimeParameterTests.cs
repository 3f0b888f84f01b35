using Editing.Otio.OpenTime;
using Editing.Sdk.Controls;
using static Editing.Sdk.Tests.Controls.TestJson;

namespace Editing.Sdk.Tests.Controls;

public sealed class TimeParameterTests
{
    private static readonly TimeParameter Extend = new("extend")
    {
        Kind = TimeKind.Duration,
        Minimum = new RationalTime(1, 24),
        Maximum = new RationalTime(10, 1),
        Default = new RationalTime(48, 24),
    };

    [Fact]
    public void Time_default_is_valid_and_written_as_value_and_rate()
    {
        Assert.Equal("{\"value\":48,\"rate\":24}", DefaultJson(Extend));
        AssertValid(Extend, DefaultJson(Extend));
    }

    [Theory]
    [InlineData("48", 24, "{\"value\":48,\"rate\":24}")]
    [InlineData("48f", 24, "{\"value\":48,\"rate\":24}")]
    [InlineData("2s", 24, "{\"value\":48,\"rate\":24}")]
    [InlineData("2.5s", 24, "{\"value\":60,\"rate\":24}")]
    [InlineData("00:00:02:00", 24, "{\"value\":48,\"rate\":24}")]
    [InlineData("00:00:01:12", 25, "{\"value\":37,\"rate\":25}")]
    [InlineData("2s", 29.97, "{\"value\":60,\"rate\":29.97}")]
    [InlineData("00:01:00;02", 29.97, "{\"value\":1800,\"rate\":29.97}")]
    [InlineData("00:01:00;04", 59.94, "{\"value\":3600,\"rate\":59.94}")]
    [InlineData("{\"value\": 12, \"rate\": 48}", 24, "{\"value\":12,\"rate\":48}")]
    public void Time_text_accepts_frames_seconds_and_timecode(string text, double rate, string json) =>
        Assert.Equal(json, Text(Extend, text, new ParseContext(rate, Context.BaseDirectory)));

    [Fact]
    public void Time_text_round_trips_through_timecode()
    {
        var rng = new Random(7);
        var at = new TimeParameter("at");
        foreach (var rate in new[] { 24.0, 25, 30000.0 / 1001, 60 })
        {
            var context = new ParseContext(rate, Context.BaseDirectory);
            for (var i = 0; i < 200; i++)
            {
                var frames = rng.Next(0, 200_000);
                var timecode = new RationalTime(frames, rate).ToTimecode();
                var parsed = Parse(Text(at, timecode, context));
                Assert.Equal(frames, parsed.GetProperty("value").GetDouble());
                Assert.Equal(frames, Parse(Text(at, frames.ToString(System.Globalization.CultureInfo.InvariantCulture) + "f", context)).GetProperty("value").GetDouble());
            }
        }
    }

    [Fact]
    public void Time_text_refuses_fractional_frames_bad_timecode_and_timecode_at_non_smpte_rates()
    {
        Assert.Contains("whole frames", TextError(Extend, "48.5"), StringComparison.Ordinal);
        Assert.Contains("not timecode", TextError(Extend, "0:0:2:0"), StringComparison.Ordinal);
        Assert.Contains("drop", TextError(Extend, "00:00:01;00"), StringComparison.Ordinal);
        Assert.Contains("SMPTE", TextError(Extend, "00:00:01:00", new ParseContext(12.5, Context.BaseDirectory)), StringComparison.Ordinal);
        Assert.Contains("seconds", TextError(Extend, "xs"), StringComparison.Ordinal);
        TextError(Extend, "");
    }

    [Fact]
    public void Durations_must_not_be_negative()
    {
        var duration = new TimeParameter("d") { Kind = TimeKind.Duration };
        Assert.Equal("{\"value\":-12,\"rate\":24}", Text(duration, "-12"));
        Assert.StartsWith("a duration cannot be negative", AssertSingleError(duration, "{\"value\":-12,\"rate\":24}"), StringComparison.Ordinal);
        AssertValid(new TimeParameter("t"), "{\"value\":-12,\"rate\":24}");
    }

    [Fact]
    public void Time_bounds_compare_in_seconds_across_rates()
    {
        AssertValid(Extend, "{\"value\":480,\"rate\":48}");
        Assert.Equal("481 frames at 48 fps (10.020833s) is above the maximum 10 frames at 1 fps (10s)", AssertSingleError(Extend, "{\"value\":481,\"rate\":48}"));
        Assert.Contains("below the minimum", AssertSingleError(Extend, "{\"value\":0,\"rate\":24}"), StringComparison.Ordinal);
    }

    [Fact]
    public void Time_rejects_wrong_shapes()
    {
        Assert.Contains("expected a time", AssertSingleError(Extend, "48"), StringComparison.Ordinal);
        Assert.Contains("positive number \"rate\"", AssertSingleError(Extend, "{\"value\":48,\"rate\":0}"), StringComparison.Ordinal);
        Assert.Contains("\"value\"", AssertSingleError(Extend, "{\"rate\":24}"), StringComparison.Ordinal);
        Assert.Contains("unknown property 'frames'", AssertSingleError(Extend, "{\"value\":48,\"rate\":24,\"frames\":1}"), StringComparison.Ordinal);
    }

    [Fact]
    public void Time_that_is_not_a_whole_frame_is_a_warning() =>
        Assert.Contains("not a whole frame", AssertSingleWarning(new TimeParameter("t"), "{\"value\":1.5,\"rate\":24}"), StringComparison.Ordinal);
}
