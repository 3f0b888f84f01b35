using Editing.Providers.Previs.Pixels;
using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Tests;

/// <summary>
/// The translation fast path of <see cref="Warp"/> (vectorised and scalar) against the per-pixel path every map
/// takes, byte for byte.
/// </summary>
public sealed class WarpTests
{
    /// <summary>Offsets that stress the fixed-point rounding and the edges, in source pixels.</summary>
    private static readonly double[] Special =
    [
        0, -0.0, 1e-9, -1e-9, 1e-15, -1e-15, 1e-300, -1e-300, double.Epsilon, 0.5, -0.5, 1, -1, 2, -3,
        1.0 / 256, -1.0 / 256, 255.0 / 256, -255.0 / 256, 0.5 - 1e-16, 1 - 1e-16, -(1 - 1e-16),
        4095.0 / 256 + 1e-14, 100000.5, -100000.5, 1e12, -1e12,
    ];

    public static TheoryData<int, int> Sizes => new() { { 1, 1 }, { 2, 3 }, { 3, 2 }, { 17, 9 }, { 64, 36 }, { 300, 7 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Translation_fast_path_matches_the_per_pixel_path_bit_for_bit(int width, int height)
    {
        var random = new Random((width * 1000) + height);
        var source = RandomFrame(random, width, height);
        var expected = Rgb48.Create(width, height);
        var vectors = Rgb48.Create(width, height);
        var scalar = Rgb48.Create(width, height);
        var size = Math.Max(width, height);
        for (var i = 0; i < 1500; i++)
        {
            var map = Affine.Translation(Offset(random, size), Offset(random, size));
            Warp.ApplyGeneral(source, expected, map);
            Warp.Apply(source, vectors, map, useVectors: true);
            Warp.Apply(source, scalar, map, useVectors: false);
            Assert.True(expected.Pixels.AsSpan().SequenceEqual(vectors.Pixels), $"vectors differ for {map} on {width}x{height}");
            Assert.True(expected.Pixels.AsSpan().SequenceEqual(scalar.Pixels), $"scalar differs for {map} on {width}x{height}");
        }
    }

    [Fact]
    public void Translation_fast_path_matches_at_1080p_and_between_sizes()
    {
        var random = new Random(1080);
        var source = RandomFrame(random, 1920, 1080);
        var expected = Rgb48.Create(1920, 1080);
        var actual = Rgb48.Create(1920, 1080);
        foreach (var (dx, dy) in new[] { (3.37, -1.82), (-40.125, 12.5), (0.0, 0.0), (-1e-15, 1e-9), (2500.25, -0.75) })
        {
            var map = Affine.Translation(dx, dy);
            Warp.ApplyGeneral(source, expected, map);
            Warp.Apply(source, actual, map);
            Assert.True(expected.Pixels.AsSpan().SequenceEqual(actual.Pixels), $"differs for {map}");
        }

        // A target of another size than the source: the span ends where the source does, not the target.
        var small = RandomFrame(random, 17, 9);
        foreach (var (w, h) in new[] { (40, 5), (5, 20), (17, 9) })
        {
            var wide = Rgb48.Create(w, h);
            var reference = Rgb48.Create(w, h);
            for (var i = 0; i < 200; i++)
            {
                var map = Affine.Translation(Offset(random, 40), Offset(random, 40));
                Warp.ApplyGeneral(small, reference, map);
                Warp.Apply(small, wide, map);
                Assert.True(reference.Pixels.AsSpan().SequenceEqual(wide.Pixels), $"differs for {map} into {w}x{h}");
            }
        }
    }

    [Fact]
    public void Identity_copies_and_general_maps_keep_their_path()
    {
        var random = new Random(3);
        var source = RandomFrame(random, 64, 36);
        var copy = Rgb48.Create(64, 36);
        Warp.Apply(source, copy, Affine.Identity);
        Assert.Equal(source.Pixels, copy.Pixels);

        var expected = Rgb48.Create(64, 36);
        var actual = Rgb48.Create(64, 36);
        var turn = Affine.ContentMove(32, 18, 3.5, -2, 1.2, 0.3);
        Warp.ApplyGeneral(source, expected, turn);
        Warp.Apply(source, actual, turn);
        Assert.Equal(expected.Pixels, actual.Pixels);
    }

    /// <summary>A random frame, with runs of the extreme values 0 and 65535 so the blend's largest sums occur.</summary>
    private static VideoFrame RandomFrame(Random random, int width, int height)
    {
        var frame = Rgb48.Create(width, height);
        random.NextBytes(frame.Pixels);
        var values = Rgb48.Values(frame);
        for (var i = 0; i < values.Length; i++)
        {
            if (random.Next(8) == 0)
            {
                values[i] = random.Next(2) == 0 ? (ushort)0 : ushort.MaxValue;
            }
        }

        return frame;
    }

    /// <summary>A translation: special values, anything around the frame, 1/256 steps nudged by tiny amounts, or integers nudged.</summary>
    private static double Offset(Random random, int size) => random.Next(5) switch
    {
        0 => Special[random.Next(Special.Length)],
        1 => (random.NextDouble() - 0.5) * 6 * size,
        2 => (random.Next(-3 * 256 * size, 3 * 256 * size) / 256.0) + ((random.Next(3) - 1) * Math.Pow(2, -random.Next(20, 60))),
        3 => random.Next(-2 * size, 2 * size),
        _ => random.Next(-5, 5) + ((random.NextDouble() - 0.5) * 1e-12),
    };
}
