using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Pixels;

/// <summary>
/// Estimates the global translation between two frames: both are reduced to luma at about
/// <see cref="AnalysisWidth"/> pixels across (box average), the mean absolute difference of the overlapping area is
/// searched exhaustively on a half-size copy (up to a quarter of the frame per step) over a fixed central window,
/// refined at the analysis size, and given a sub-pixel offset from a parabola through the neighbouring costs.
/// </summary>
internal static class MotionEstimator
{
    public const int AnalysisWidth = 256;

    /// <summary>The move (pixels, at the frames' size) that carries <paramref name="from"/>'s content onto
    /// <paramref name="to"/>: <c>to(x + dx, y + dy) ≈ from(x, y)</c>.</summary>
    public static (double Dx, double Dy) Estimate(VideoFrame from, VideoFrame to)
    {
        var factor = Math.Max(1, (int)Math.Ceiling(from.Width / (double)AnalysisWidth));
        var a = Luma(from, factor, out var width, out var height);
        var b = Luma(to, factor, out _, out _);
        var halfWidth = width / 2;
        var halfHeight = height / 2;
        var (cx, cy) = (0, 0);
        if (halfWidth >= 8 && halfHeight >= 8)
        {
            var a2 = Half(a, width, height);
            var b2 = Half(b, width, height);
            var radius = Math.Max(2, Math.Min(halfWidth, halfHeight) / 4);
            (cx, cy, _, _) = Search(a2, b2, halfWidth, halfHeight, 0, 0, radius);
        }

        var (fx, fy, best, window) = Search(a, b, width, height, cx * 2, cy * 2, 2);
        var sx = Parabola(Cost(a, b, width, height, fx - 1, fy, window), best, Cost(a, b, width, height, fx + 1, fy, window));
        var sy = Parabola(Cost(a, b, width, height, fx, fy - 1, window), best, Cost(a, b, width, height, fx, fy + 1, window));
        return ((fx + sx) * factor, (fy + sy) * factor);
    }

    private static float[] Luma(VideoFrame frame, int factor, out int width, out int height)
    {
        var w = Math.Max(1, frame.Width / factor);
        var h = Math.Max(1, frame.Height / factor);
        var luma = new float[w * h];
        var sourceWidth = frame.Width;
        var rgb48 = frame.Format == FramePixelFormat.Rgb48;
        var scale = 1f / ((rgb48 ? 65535f : 255f) * factor * factor);
        Parallel.For(0, h, y =>
        {
            var pixels = frame.Pixels.AsSpan();
            var values = rgb48 ? Rgb48.Values(frame) : default;
            for (var x = 0; x < w; x++)
            {
                float sum = 0;
                for (var j = 0; j < factor; j++)
                {
                    var p = ((((y * factor) + j) * sourceWidth) + (x * factor)) * 3;
                    for (var i = 0; i < factor; i++, p += 3)
                    {
                        sum += rgb48
                            ? (0.2126f * values[p]) + (0.7152f * values[p + 1]) + (0.0722f * values[p + 2])
                            : (0.2126f * pixels[p]) + (0.7152f * pixels[p + 1]) + (0.0722f * pixels[p + 2]);
                    }
                }

                luma[(y * w) + x] = sum * scale;
            }
        });
        width = w;
        height = h;
        return luma;
    }

    private static float[] Half(float[] source, int width, int height)
    {
        var w = width / 2;
        var h = height / 2;
        var half = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var p = (2 * y * width) + (2 * x);
                half[(y * w) + x] = 0.25f * (source[p] + source[p + 1] + source[p + width] + source[p + width + 1]);
            }
        }

        return half;
    }

    /// <summary>The displacement within <paramref name="radius"/> of (<paramref name="x0"/>, <paramref name="y0"/>) with the
    /// lowest cost, and the window used; ties go to the smaller move, then to the first in scan order, so the answer never
    /// depends on threads.</summary>
    private static (int Dx, int Dy, double Cost, Window Window) Search(float[] a, float[] b, int width, int height, int x0, int y0, int radius)
    {
        // Every candidate is scored on the same central window of the first frame, so a move cannot look better just by
        // pushing detailed or changing parts of the picture out of the compared area.
        var window = new Window(
            Math.Min(Math.Abs(x0) + radius + 1, width / 3),
            Math.Min(Math.Abs(y0) + radius + 1, height / 3));
        var side = (2 * radius) + 1;
        var costs = new double[side * side];
        Parallel.For(0, side, j =>
        {
            for (var i = 0; i < side; i++)
            {
                costs[(j * side) + i] = Cost(a, b, width, height, x0 + i - radius, y0 + j - radius, window);
            }
        });
        var best = (Dx: x0, Dy: y0, Cost: double.PositiveInfinity);
        for (var j = 0; j < side; j++)
        {
            for (var i = 0; i < side; i++)
            {
                var (dx, dy) = (x0 + i - radius, y0 + j - radius);
                var cost = costs[(j * side) + i];
                if (cost < best.Cost - 1e-12
                    || (Math.Abs(cost - best.Cost) <= 1e-12 && ((dx * dx) + (dy * dy)) < ((best.Dx * best.Dx) + (best.Dy * best.Dy))))
                {
                    best = (dx, dy, cost);
                }
            }
        }

        return (best.Dx, best.Dy, best.Cost, window);
    }

    /// <summary>Mean |a(x, y) − b(x + dx, y + dy)| over <paramref name="window"/> of <paramref name="a"/> (reads outside
    /// <paramref name="b"/> are clamped to its edge).</summary>
    private static double Cost(float[] a, float[] b, int width, int height, int dx, int dy, Window window)
    {
        var (x0, x1) = (window.MarginX, width - window.MarginX);
        var (y0, y1) = (window.MarginY, height - window.MarginY);
        double total = 0;
        for (var y = y0; y < y1; y++)
        {
            var rowA = a.AsSpan((y * width) + x0, x1 - x0);
            var rowB = b.AsSpan(Math.Clamp(y + dy, 0, height - 1) * width, width);
            float sum = 0;
            for (var x = 0; x < rowA.Length; x++)
            {
                sum += MathF.Abs(rowA[x] - rowB[Math.Clamp(x0 + x + dx, 0, width - 1)]);
            }

            total += sum;
        }

        return total / ((double)(x1 - x0) * (y1 - y0));
    }

    /// <summary>The border left out of the compared area, in pixels on each side.</summary>
    private readonly record struct Window(int MarginX, int MarginY);

    /// <summary>The offset (−0.5..0.5) of the minimum of the parabola through three equally spaced costs.</summary>
    private static double Parabola(double left, double centre, double right)
    {
        if (double.IsInfinity(left) || double.IsInfinity(right))
        {
            return 0;
        }

        var curvature = left - (2 * centre) + right;
        return curvature <= 1e-12 ? 0 : Math.Clamp(0.5 * (left - right) / curvature, -0.5, 0.5);
    }
}
