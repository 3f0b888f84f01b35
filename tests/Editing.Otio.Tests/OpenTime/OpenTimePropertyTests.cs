using Editing.Otio.OpenTime;

namespace Editing.Otio.Tests.OpenTime;

/// <summary>Seeded random property tests (fixed seeds, a few thousand cases each; reproducible).</summary>
public sealed class OpenTimePropertyTests
{
    private const int Cases = 4000;

    private static readonly double[] SmpteRates =
    [
        24000.0 / 1001, 24, 25, 30000.0 / 1001, 30, 48000.0 / 1001, 48, 50, 60000.0 / 1001, 60,
    ];

    private static readonly double[] Rates = [.. SmpteRates, 1, 23.976, 29.97, 44100, 48000, 1000, 192000, 12.5];

    // Frames below 24 hours at every SMPTE rate (the smallest wrap is 24 × 86400 at ~24 fps).
    private static double RandomFrame(Random rng) => rng.Next(4) switch
    {
        0 => rng.Next(0, 2_000_000),
        1 => Math.Max(0, (rng.Next(0, 1000) * 1798) + rng.Next(-3, 4)), // around minute boundaries
        2 => Math.Max(0, (rng.Next(0, 100) * 17982) + rng.Next(-3, 4)), // around ten-minute boundaries
        _ => rng.Next(0, 5000),
    };

    [Theory]
    [InlineData(IsDropFrameRate.InferFromRate)]
    [InlineData(IsDropFrameRate.ForceNo)]
    public void Timecode_round_trips_for_whole_non_negative_frames_at_every_smpte_rate(IsDropFrameRate mode)
    {
        var rng = new Random(20240601 + (int)mode);
        foreach (var rate in SmpteRates)
        {
            for (var i = 0; i < Cases / 4; i++)
            {
                var t = new RationalTime(RandomFrame(rng), rate);
                var timecode = t.ToTimecode(rate, mode);
                var back = RationalTime.FromTimecode(timecode, rate);
                Assert.True(back.StrictlyEqual(t), $"{t} → {timecode} → {back}");
            }
        }
    }

    [Theory]
    [InlineData(30000.0 / 1001)]
    [InlineData(60000.0 / 1001)]
    public void Drop_frame_timecode_round_trips_and_never_shows_dropped_labels(double rate)
    {
        var rng = new Random(1234);
        var dropped = rate < 30 ? 2 : 4;
        for (var i = 0; i < Cases; i++)
        {
            var t = new RationalTime(RandomFrame(rng), rate);
            var timecode = t.ToTimecode(rate, IsDropFrameRate.ForceYes);
            Assert.Contains(';', timecode);
            Assert.True(RationalTime.FromTimecode(timecode, rate).StrictlyEqual(t), $"{t} → {timecode}");

            var minutes = int.Parse(timecode.AsSpan(3, 2));
            var seconds = int.Parse(timecode.AsSpan(6, 2));
            var frames = int.Parse(timecode.AsSpan(9, 2));
            if (seconds == 0 && minutes % 10 != 0)
            {
                Assert.True(frames >= dropped, $"{t} → {timecode} shows a dropped label");
            }
        }
    }

    [Fact]
    public void Rescaling_to_another_rate_and_back_is_identity_within_rounding()
    {
        var rng = new Random(42);
        for (var i = 0; i < Cases; i++)
        {
            var rate = Rates[rng.Next(Rates.Length)];
            var other = Rates[rng.Next(Rates.Length)];
            var t = new RationalTime((rng.NextDouble() - 0.25) * 1e7, rate);
            var back = t.RescaledTo(other).RescaledTo(rate);
            Assert.Equal(rate, back.Rate);
            Assert.True(Math.Abs(back.Value - t.Value) <= 1e-12 * Math.Max(1, Math.Abs(t.Value)), $"{t} via {other} → {back}");
            Assert.True(t.AlmostEqual(back, 1e-6));
        }
    }

    [Fact]
    public void Rescaling_to_the_same_rate_is_exactly_identity()
    {
        var rng = new Random(43);
        for (var i = 0; i < Cases; i++)
        {
            var t = new RationalTime((rng.NextDouble() - 0.5) * 1e9, Rates[rng.Next(Rates.Length)]);
            Assert.True(t.RescaledTo(t.Rate).StrictlyEqual(t));
            Assert.True(t.RescaledTo(t).StrictlyEqual(t));
        }
    }

    [Fact]
    public void Addition_commutes_and_adds_seconds()
    {
        var rng = new Random(44);
        for (var i = 0; i < Cases; i++)
        {
            var a = new RationalTime((rng.NextDouble() - 0.5) * 1e6, Rates[rng.Next(Rates.Length)]);
            var b = new RationalTime((rng.NextDouble() - 0.5) * 1e6, Rates[rng.Next(Rates.Length)]);
            var ab = a + b;
            var ba = b + a;
            Assert.True(ab.StrictlyEqual(ba), $"{a} + {b}: {ab} vs {ba}");
            Assert.Equal(Math.Max(a.Rate, b.Rate), ab.Rate);
            var seconds = a.ToSeconds() + b.ToSeconds();
            Assert.True(Math.Abs(ab.ToSeconds() - seconds) <= 1e-9 * Math.Max(1, Math.Abs(seconds)));
            Assert.True(((ab - b) - a).ToSeconds() is var d && Math.Abs(d) <= 1e-9 * Math.Max(1, Math.Abs(seconds)));
        }
    }

    private static TimeRange RandomRange(Random rng)
    {
        var rate = Rates[rng.Next(Rates.Length)];
        var durationRate = rng.Next(3) == 0 ? Rates[rng.Next(Rates.Length)] : rate;
        var start = new RationalTime(Math.Round((rng.NextDouble() - 0.3) * 10000, rng.Next(4)), rate);
        var duration = new RationalTime(Math.Round(rng.NextDouble() * 5000, rng.Next(4)), durationRate);
        return new TimeRange(start, duration);
    }

    [Fact]
    public void Extended_by_covers_both_ranges()
    {
        var rng = new Random(45);
        const double tolerance = 1e-9;
        for (var i = 0; i < Cases; i++)
        {
            var a = RandomRange(rng);
            var b = RandomRange(rng);
            var e = a.ExtendedBy(b);
            foreach (var r in new[] { a, b })
            {
                Assert.True(e.StartTime.ToSeconds() <= r.StartTime.ToSeconds() + tolerance, $"{e} vs {r}");
                Assert.True(e.EndTimeExclusive().ToSeconds() >= r.EndTimeExclusive().ToSeconds() - tolerance, $"{e} vs {r}");
            }
            Assert.Equal(e.StartTime.Rate, e.Duration.Rate);
        }
    }

    [Fact]
    public void Clamped_time_lies_within_the_range()
    {
        var rng = new Random(46);
        const double tolerance = 1e-9;
        for (var i = 0; i < Cases; i++)
        {
            var range = RandomRange(rng);
            var t = new RationalTime((rng.NextDouble() - 0.5) * 40000, Rates[rng.Next(Rates.Length)]);
            var c = range.Clamped(t);
            Assert.True(c.ToSeconds() >= range.StartTime.ToSeconds() - tolerance, $"{range} clamps {t} to {c}");
            Assert.True(c.ToSeconds() <= range.EndTimeInclusive().ToSeconds() + tolerance, $"{range} clamps {t} to {c}");
            if (range.Contains(t) && t <= range.EndTimeInclusive())
            {
                Assert.True(c.StrictlyEqual(t));
            }
        }
    }

    [Fact]
    public void Clamped_range_lies_within_this_range_when_they_intersect()
    {
        var rng = new Random(47);
        const double tolerance = 1e-9;
        for (var i = 0; i < Cases; i++)
        {
            var a = RandomRange(rng);
            var b = RandomRange(rng);
            if (!a.Intersects(b))
            {
                continue;
            }
            var c = a.Clamped(b);
            Assert.True(c.StartTime.ToSeconds() >= a.StartTime.ToSeconds() - tolerance);
            Assert.True(c.EndTimeExclusive().ToSeconds() <= a.EndTimeExclusive().ToSeconds() + tolerance);
            Assert.True(c.StartTime.ToSeconds() >= b.StartTime.ToSeconds() - tolerance);
            // Not necessarily within b: the reference keeps b's duration from the new start (see TimeRangeTests).
            Assert.True(c.Duration.ToSeconds() <= b.Duration.ToSeconds() + tolerance);
        }
    }

    [Fact]
    public void Intersects_is_symmetric()
    {
        var rng = new Random(48);
        for (var i = 0; i < Cases; i++)
        {
            var a = RandomRange(rng);
            var b = rng.Next(2) == 0 ? RandomRange(rng) : a.DurationExtendedBy(new RationalTime(rng.Next(-100, 100), a.Duration.Rate));
            Assert.Equal(a.Intersects(b), b.Intersects(a));
        }
    }

    [Fact]
    public void Range_from_start_and_end_round_trips()
    {
        var rng = new Random(49);
        for (var i = 0; i < Cases; i++)
        {
            var range = RandomRange(rng);
            var rebuilt = TimeRange.RangeFromStartEndTime(range.StartTime, range.EndTimeExclusive());
            Assert.True(rebuilt == range, $"{range} → {rebuilt}");
            Assert.True(rebuilt.StartTime.StrictlyEqual(range.StartTime));
            if (range.StartTime.Rate == range.Duration.Rate)
            {
                Assert.True(Math.Abs(rebuilt.Duration.Value - range.Duration.Value) <= 1e-9 * Math.Max(1, range.Duration.Value));
            }
        }
    }

    [Fact]
    public void Contains_is_never_reflexive()
    {
        var rng = new Random(50);
        for (var i = 0; i < Cases; i++)
        {
            var range = RandomRange(rng);
            Assert.False(range.Contains(range));
        }
    }
}
