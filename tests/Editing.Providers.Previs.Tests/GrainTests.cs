using Editing.Providers.Previs.Pixels;
using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Tests;

/// <summary><see cref="Grain"/> (vectorised and scalar) against the original per-pixel algorithm, byte for byte.</summary>
public sealed class GrainTests
{
    public static TheoryData<int, int> Sizes => new() { { 1, 1 }, { 3, 2 }, { 300, 7 }, { 257, 3 }, { 600, 5 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Grain_matches_the_original_algorithm_bit_for_bit(int width, int height)
    {
        var random = new Random((width * 7919) + height);
        var expected = Rgb48.Create(width, height);
        var actual = Rgb48.Create(width, height);
        foreach (var seed in new long[] { 7, -3, 123456789 })
        {
            foreach (var amplitude in new[] { 0.008, 8 / 1023.0, 64 / 1023.0, 0.7, 1e4 })
            {
                var reference = new ReferenceGrain(seed, amplitude);
                var grain = new Grain(seed, amplitude);
                var scalar = new Grain(seed, amplitude) { UseVectors = false };
                foreach (var frame in new[] { 0, 1, 2, 47, 1000 })
                {
                    var source = RandomFrame(random, width, height);
                    reference.Apply(source, expected, frame);
                    grain.Apply(source, actual, frame);
                    Assert.True(expected.Pixels.AsSpan().SequenceEqual(actual.Pixels), $"vectors differ: seed {seed}, amplitude {amplitude}, frame {frame}");
                    scalar.Apply(source, actual, frame);
                    Assert.True(expected.Pixels.AsSpan().SequenceEqual(actual.Pixels), $"scalar differs: seed {seed}, amplitude {amplitude}, frame {frame}");
                }
            }
        }
    }

    [Fact]
    public void Grain_matches_the_original_algorithm_at_1080p()
    {
        var random = new Random(1080);
        var source = RandomFrame(random, 1920, 1080);
        var expected = Rgb48.Create(1920, 1080);
        var actual = Rgb48.Create(1920, 1080);
        new ReferenceGrain(42, 0.008).Apply(source, expected, 5);
        new Grain(42, 0.008).Apply(source, actual, 5);
        Assert.True(expected.Pixels.AsSpan().SequenceEqual(actual.Pixels));
    }

    [Fact]
    public void Grain_keeps_single_precision_sums_because_integer_rounding_would_differ()
    {
        // g = 0.5 − 2⁻²⁰: exact rounding of input + g is input + 0, at every input. In float, 40000 + g lands on a
        // 1/256 grid and rounds up to 40000.5, so the original sum gives 40001 there, but 1 at input 1 (exact there).
        const float g = 0.5f - (1f / (1 << 20));
        Assert.Equal(0, (int)Math.Floor((double)g + 0.5));
        Assert.Equal(40001, Rgb48.Clamp(40000 + g));
        Assert.Equal(1, Rgb48.Clamp(1 + g));
    }

    /// <summary>A random frame where a quarter of the values sit near 0 or 65535, so clamping happens both ways.</summary>
    private static VideoFrame RandomFrame(Random random, int width, int height)
    {
        var frame = Rgb48.Create(width, height);
        random.NextBytes(frame.Pixels);
        var values = Rgb48.Values(frame);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(8) switch
            {
                0 => (ushort)random.Next(0, 600),
                1 => (ushort)random.Next(65000, 65536),
                _ => values[i],
            };
        }

        return frame;
    }

    /// <summary>The grain as it was first written (a float tile read per pixel, one channel at a time): the reference.</summary>
    private sealed class ReferenceGrain
    {
        private const int Tile = 256;
        private readonly long _seed;
        private readonly float[] _tile = new float[Tile * Tile];

        public ReferenceGrain(long seed, double amplitude)
        {
            _seed = seed;
            var scale = (float)(amplitude * Rgb48.Max);
            for (var i = 0; i < _tile.Length; i++)
            {
                var noise = SeededRandom.UnitF(seed, 7, i) + SeededRandom.UnitF(seed, 8, i) - 1f;
                _tile[i] = noise * scale;
            }
        }

        public void Apply(VideoFrame source, VideoFrame target, int frame)
        {
            var ox = (int)(SeededRandom.Hash(_seed, 9, frame) % Tile);
            var oy = (int)(SeededRandom.Hash(_seed, 10, frame) % Tile);
            var width = target.Width;
            var input = Rgb48.Values(source);
            var output = Rgb48.Values(target);
            for (var y = 0; y < target.Height; y++)
            {
                var tileRow = _tile.AsSpan(((y + oy) % Tile) * Tile, Tile);
                for (var x = 0; x < width; x++)
                {
                    var g = tileRow[(x + ox) % Tile];
                    var o = ((y * width) + x) * 3;
                    output[o] = Rgb48.Clamp(input[o] + g);
                    output[o + 1] = Rgb48.Clamp(input[o + 1] + g);
                    output[o + 2] = Rgb48.Clamp(input[o + 2] + g);
                }
            }
        }
    }
}
