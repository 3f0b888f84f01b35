using Editing.Sdk.Controls;

namespace Editing.Sdk.Tests.Controls;

/// <summary>Seeded random property tests of <see cref="KeyframedValue.ValueAt"/> (fixed seeds; reproducible).</summary>
public sealed class KeyframedValuePropertyTests
{
    private const int Cases = 2000;

    private static KeyframedValue RandomKeys(Random rng, KeyframeInterpolation interpolation)
    {
        var count = rng.Next(1, 8);
        var keys = new List<Keyframe>();
        long frame = rng.Next(0, 10);
        for (var i = 0; i < count; i++)
        {
            keys.Add(new Keyframe(frame, Math.Round((rng.NextDouble() * 4) - 2, rng.Next(0, 4))));
            frame += rng.Next(1, 60);
        }

        return new KeyframedValue(keys, interpolation);
    }

    private static double RandomFrame(Random rng, KeyframedValue value) =>
        (rng.NextDouble() * (value.Keyframes[^1].Frame + 20)) - 10;

    private static (Keyframe Left, Keyframe Right)? Neighbours(KeyframedValue value, double frame)
    {
        var keys = value.Keyframes;
        for (var i = 0; i + 1 < keys.Count; i++)
        {
            if (keys[i].Frame <= frame && frame < keys[i + 1].Frame)
            {
                return (keys[i], keys[i + 1]);
            }
        }

        return null;
    }

    [Theory]
    [InlineData(KeyframeInterpolation.Linear)]
    [InlineData(KeyframeInterpolation.Smooth)]
    public void Interpolation_between_keys_stays_within_the_neighbours_values(KeyframeInterpolation interpolation)
    {
        var rng = new Random(20240611 + (int)interpolation);
        for (var i = 0; i < Cases; i++)
        {
            var value = RandomKeys(rng, interpolation);
            var frame = RandomFrame(rng, value);
            var v = value.ValueAt(frame);
            if (Neighbours(value, frame) is (var left, var right))
            {
                Assert.InRange(v, Math.Min(left.Value, right.Value), Math.Max(left.Value, right.Value));
            }
        }
    }

    [Fact]
    public void Hold_equals_the_left_key()
    {
        var rng = new Random(424242);
        for (var i = 0; i < Cases; i++)
        {
            var value = RandomKeys(rng, KeyframeInterpolation.Hold);
            var frame = RandomFrame(rng, value);
            if (Neighbours(value, frame) is (var left, _))
            {
                Assert.Equal(left.Value, value.ValueAt(frame));
            }
        }
    }

    [Theory]
    [InlineData(KeyframeInterpolation.Linear)]
    [InlineData(KeyframeInterpolation.Hold)]
    [InlineData(KeyframeInterpolation.Smooth)]
    public void Every_interpolation_passes_through_its_keys_and_is_constant_outside_them(KeyframeInterpolation interpolation)
    {
        var rng = new Random(99 + (int)interpolation);
        for (var i = 0; i < Cases / 4; i++)
        {
            var value = RandomKeys(rng, interpolation);
            foreach (var key in value.Keyframes)
            {
                Assert.Equal(key.Value, value.ValueAt(key.Frame), 12);
            }

            Assert.Equal(value.Keyframes[0].Value, value.ValueAt(value.Keyframes[0].Frame - 1 - (rng.NextDouble() * 100)));
            Assert.Equal(value.Keyframes[^1].Value, value.ValueAt(value.Keyframes[^1].Frame + 1 + (rng.NextDouble() * 100)));
        }
    }

    [Fact]
    public void Linear_is_the_straight_line_between_neighbours()
    {
        var rng = new Random(31337);
        for (var i = 0; i < Cases; i++)
        {
            var value = RandomKeys(rng, KeyframeInterpolation.Linear);
            var frame = RandomFrame(rng, value);
            if (Neighbours(value, frame) is (var left, var right))
            {
                var t = (frame - left.Frame) / (right.Frame - left.Frame);
                Assert.Equal(left.Value + ((right.Value - left.Value) * t), value.ValueAt(frame), 9);
            }
        }
    }

    [Fact]
    public void Smooth_is_monotone_on_monotone_keys()
    {
        var rng = new Random(5150);
        for (var i = 0; i < Cases / 10; i++)
        {
            var keys = new List<Keyframe>();
            long frame = 0;
            var v = 0.0;
            for (var k = 0; k < 6; k++)
            {
                keys.Add(new Keyframe(frame, v));
                frame += rng.Next(1, 40);
                v += rng.NextDouble() * (rng.Next(3) == 0 ? 0 : 1);
            }

            var value = new KeyframedValue(keys, KeyframeInterpolation.Smooth);
            var previous = double.NegativeInfinity;
            for (var f = 0.0; f <= keys[^1].Frame; f += 0.25)
            {
                var current = value.ValueAt(f);
                Assert.True(current >= previous - 1e-12, $"not monotone at frame {f}: {current} < {previous}");
                previous = current;
            }
        }
    }
}
