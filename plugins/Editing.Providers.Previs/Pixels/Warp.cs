using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Pixels;

/// <summary>
/// Resamples a 16-bit frame through an <see cref="Affine"/> map with bilinear filtering (positions to 1/256 pixel,
/// integer arithmetic). Samples that fall outside the source are mirrored back in, so moving, turning or shrinking the
/// picture never shows empty edges. Rows run in parallel; each output pixel depends only on its own coordinates, so
/// the result is the same on any number of cores. An identity map copies the source exactly.
/// </summary>
internal static class Warp
{
    private const int FractionBits = 8;
    private const int One = 1 << FractionBits;

    public static void Apply(VideoFrame source, VideoFrame target, Affine map)
    {
        var width = source.Width;
        var height = source.Height;
        var outWidth = target.Width;
        Parallel.For(0, target.Height, y =>
        {
            ref var src = ref MemoryMarshal.GetReference(Rgb48.Values(source));
            var row = Rgb48.Values(target).Slice(y * outWidth * 3, outWidth * 3);
            var rowX = (map.B * y) + map.C;
            var rowY = (map.E * y) + map.F;
            var endX = (map.A * (outWidth - 1)) + rowX;
            var endY = (map.D * (outWidth - 1)) + rowY;
            var inside = Inside(rowX, width) && Inside(endX, width) && Inside(rowY, height) && Inside(endY, height);
            for (var x = 0; x < outWidth; x++)
            {
                var sx = (map.A * x) + rowX;
                var sy = (map.D * x) + rowY;
                if (!inside)
                {
                    sx = Mirror(sx, width);
                    sy = Mirror(sy, height);
                }

                // Non-negative here, so the conversion truncates towards the pixel on the left/top.
                var fixedX = (int)(sx * One);
                var fixedY = (int)(sy * One);
                var x0 = fixedX >> FractionBits;
                var y0 = fixedY >> FractionBits;
                var fx = (uint)(fixedX & (One - 1));
                var fy = (uint)(fixedY & (One - 1));
                var x1 = x0 + 1 < width ? x0 + 1 : x0;
                var y1 = y0 + 1 < height ? y0 + 1 : y0;
                var p00 = ((y0 * width) + x0) * 3;
                var p01 = ((y0 * width) + x1) * 3;
                var p10 = ((y1 * width) + x0) * 3;
                var p11 = ((y1 * width) + x1) * 3;
                var o = x * 3;
                row[o] = Blend(ref src, p00, p01, p10, p11, fx, fy);
                row[o + 1] = Blend(ref src, p00 + 1, p01 + 1, p10 + 1, p11 + 1, fx, fy);
                row[o + 2] = Blend(ref src, p00 + 2, p01 + 2, p10 + 2, p11 + 2, fx, fy);
            }
        });
    }

    /// <summary>Bilinear blend of four 16-bit values with 8-bit weights; the sum stays below 2³² (65535 × 256 × 256).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Blend(ref ushort src, int p00, int p01, int p10, int p11, uint fx, uint fy)
    {
        // Indices come from coordinates clamped or mirrored into the frame, so they are always in range.
        var top = (Unsafe.Add(ref src, p00) * (One - fx)) + (Unsafe.Add(ref src, p01) * fx);
        var bottom = (Unsafe.Add(ref src, p10) * (One - fx)) + (Unsafe.Add(ref src, p11) * fx);
        return (ushort)(((top * (One - fy)) + (bottom * fy) + (1u << ((2 * FractionBits) - 1))) >> (2 * FractionBits));
    }

    /// <summary>Within [0, n − 1], where no mirroring is needed.</summary>
    private static bool Inside(double v, int n) => v >= 0 && v <= n - 1;

    /// <summary>Folds a coordinate into [0, n − 1] by reflecting at the edges (…, 1, 0, 1, …, n − 2, n − 1, n − 2, …).</summary>
    internal static double Mirror(double v, int n)
    {
        if (n <= 1)
        {
            return 0;
        }

        var period = 2.0 * (n - 1);
        if (v < 0 || v > n - 1)
        {
            v -= period * Math.Floor(v / period);
            if (v > n - 1)
            {
                v = period - v;
            }
        }

        return Math.Clamp(v, 0, n - 1);
    }
}
