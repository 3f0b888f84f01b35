using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Pixels;

/// <summary>
/// Resamples a 16-bit frame through an <see cref="Affine"/> map with bilinear filtering. Samples that fall outside the
/// source are mirrored back in, so moving, turning or shrinking the picture never shows empty edges. Rows run in
/// parallel; each output pixel depends only on its own coordinates, so the result is the same on any number of cores.
/// </summary>
internal static class Warp
{
    public static void Apply(VideoFrame source, VideoFrame target, Affine map)
    {
        var width = source.Width;
        var height = source.Height;
        var outWidth = target.Width;
        Parallel.For(0, target.Height, y =>
        {
            var src = Rgb48.Values(source);
            var row = Rgb48.Values(target).Slice(y * outWidth * 3, outWidth * 3);
            var rowX = (map.B * y) + map.C;
            var rowY = (map.E * y) + map.F;
            var endX = (map.A * (outWidth - 1)) + rowX;
            var endY = (map.D * (outWidth - 1)) + rowY;
            var inside = Inside(rowX, width) && Inside(endX, width) && Inside(rowY, height) && Inside(endY, height);
            for (var x = 0; x < outWidth; x++)
            {
                var sx = (float)((map.A * x) + rowX);
                var sy = (float)((map.D * x) + rowY);
                if (!inside)
                {
                    sx = Mirror(sx, width);
                    sy = Mirror(sy, height);
                }

                var x0 = (int)sx;
                var y0 = (int)sy;
                var fx = sx - x0;
                var fy = sy - y0;
                var x1 = x0 + 1 < width ? x0 + 1 : x0;
                var y1 = y0 + 1 < height ? y0 + 1 : y0;
                var p00 = ((y0 * width) + x0) * 3;
                var p01 = ((y0 * width) + x1) * 3;
                var p10 = ((y1 * width) + x0) * 3;
                var p11 = ((y1 * width) + x1) * 3;
                var w00 = (1 - fx) * (1 - fy);
                var w01 = fx * (1 - fy);
                var w10 = (1 - fx) * fy;
                var w11 = fx * fy;
                var o = x * 3;
                for (var c = 0; c < 3; c++)
                {
                    var value = (src[p00 + c] * w00) + (src[p01 + c] * w01) + (src[p10 + c] * w10) + (src[p11 + c] * w11);
                    row[o + c] = (ushort)Math.Min(value + 0.5f, Rgb48.Max);
                }
            }
        });
    }

    /// <summary>Within [0, n − 1], where no mirroring is needed.</summary>
    private static bool Inside(double v, int n) => v >= 0 && v <= n - 1;

    /// <summary>Folds a coordinate into [0, n − 1] by reflecting at the edges (…, 1, 0, 1, …, n − 2, n − 1, n − 2, …).</summary>
    internal static float Mirror(float v, int n)
    {
        if (n <= 1)
        {
            return 0;
        }

        var period = 2f * (n - 1);
        if (v < 0 || v > n - 1)
        {
            v -= period * MathF.Floor(v / period);
            if (v > n - 1)
            {
                v = period - v;
            }
        }

        return Math.Clamp(v, 0, n - 1);
    }
}
