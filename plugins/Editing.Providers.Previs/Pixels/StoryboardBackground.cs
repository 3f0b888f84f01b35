using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Pixels;

/// <summary>
/// The storyboard card's picture: a seeded fractal colour field, computed on a coarse grid (one point per
/// <see cref="Cell"/> pixels) and interpolated up, drifting sideways and evolving slowly with time; a vignette; and a
/// faint action-safe frame with a centre cross, as on a storyboard panel.
/// </summary>
internal sealed class StoryboardBackground
{
    private const int Cell = 8;

    /// <summary>Noise units per frame height: about two and a half blobs top to bottom.</summary>
    private const double Scale = 2.5;

    /// <summary>Sideways drift and evolution, in noise units per second.</summary>
    private const double Drift = 0.06;
    private const double Evolution = 0.12;

    private readonly long _seed;
    private readonly int _width;
    private readonly int _height;
    private readonly int _gridWidth;
    private readonly int _gridHeight;
    private readonly float[] _grid;
    private readonly float[] _vignetteX;
    private readonly float[] _vignetteY;
    private readonly ushort[] _palette;

    public StoryboardBackground(long seed, int width, int height)
    {
        _seed = seed;
        _width = width;
        _height = height;
        _gridWidth = (width / Cell) + 2;
        _gridHeight = (height / Cell) + 2;
        _grid = new float[_gridWidth * _gridHeight];
        _palette = Palette.FromSeed(seed).Table;
        _vignetteX = Enumerable.Range(0, width).Select(x => Square((x - ((width - 1) / 2f)) / (width / 2f))).ToArray();
        _vignetteY = Enumerable.Range(0, height).Select(y => Square((y - ((height - 1) / 2f)) / (height / 2f))).ToArray();
    }

    /// <summary>Draws the picture at <paramref name="seconds"/> into <paramref name="target"/>.</summary>
    public void Render(double seconds, VideoFrame target)
    {
        var z = seconds * Evolution;
        var shift = seconds * Drift;
        Parallel.For(0, _gridHeight, j =>
        {
            var ny = j * Cell * Scale / _height;
            for (var i = 0; i < _gridWidth; i++)
            {
                var nx = (i * Cell * Scale / _height) + shift;
                var v = ValueNoise.Fractal(_seed, nx, ny, z);
                _grid[(j * _gridWidth) + i] = Math.Clamp(0.5f + ((v - 0.5f) * 2.2f), 0f, 1f);
            }
        });

        var width = _width;
        Parallel.For(0, _height, y =>
        {
            var row = Rgb48.Values(target).Slice(y * width * 3, width * 3);
            var gy = y / (float)Cell;
            var j0 = (int)gy;
            var fy = gy - j0;
            var upper = _grid.AsSpan(j0 * _gridWidth, _gridWidth);
            var lower = _grid.AsSpan((j0 + 1) * _gridWidth, _gridWidth);
            var vy = _vignetteY[y];
            for (var x = 0; x < width; x++)
            {
                var gx = x / (float)Cell;
                var i0 = (int)gx;
                var fx = gx - i0;
                var top = upper[i0] + ((upper[i0 + 1] - upper[i0]) * fx);
                var bottom = lower[i0] + ((lower[i0 + 1] - lower[i0]) * fx);
                var t = top + ((bottom - top) * fy);
                t *= 1f - (0.32f * (_vignetteX[x] + vy) * 0.5f);
                var index = (int)(t * (Palette.Entries - 1)) * 3;
                var o = x * 3;
                row[o] = _palette[index];
                row[o + 1] = _palette[index + 1];
                row[o + 2] = _palette[index + 2];
            }
        });

        DrawGuides(target);
    }

    private void DrawGuides(VideoFrame target)
    {
        var pixels = Rgb48.Values(target);
        var thickness = Math.Max(1, _height / 540);
        var left = (int)Math.Round(_width * 0.05);
        var right = _width - 1 - left;
        var top = (int)Math.Round(_height * 0.05);
        var bottom = _height - 1 - top;
        const float alpha = 0.22f;
        for (var t = 0; t < thickness; t++)
        {
            HorizontalLine(pixels, top + t, left, right, alpha);
            HorizontalLine(pixels, bottom - t, left, right, alpha);
            VerticalLine(pixels, left + t, top + thickness, bottom - thickness, alpha);
            VerticalLine(pixels, right - t, top + thickness, bottom - thickness, alpha);
        }

        var arm = Math.Max(4, _height / 36);
        var cx = _width / 2;
        var cy = _height / 2;
        for (var t = 0; t < thickness; t++)
        {
            HorizontalLine(pixels, cy + t, cx - arm, cx + arm, alpha);
            VerticalLine(pixels, cx + t, cy - arm, cy - 1, alpha);
            VerticalLine(pixels, cx + t, cy + thickness, cy + arm, alpha);
        }
    }

    private void HorizontalLine(Span<ushort> pixels, int y, int x0, int x1, float alpha)
    {
        if ((uint)y >= (uint)_height)
        {
            return;
        }

        for (var x = Math.Max(0, x0); x <= Math.Min(_width - 1, x1); x++)
        {
            Lighten(pixels, ((y * _width) + x) * 3, alpha);
        }
    }

    private void VerticalLine(Span<ushort> pixels, int x, int y0, int y1, float alpha)
    {
        if ((uint)x >= (uint)_width)
        {
            return;
        }

        for (var y = Math.Max(0, y0); y <= Math.Min(_height - 1, y1); y++)
        {
            Lighten(pixels, ((y * _width) + x) * 3, alpha);
        }
    }

    private static void Lighten(Span<ushort> pixels, int offset, float alpha)
    {
        for (var c = 0; c < 3; c++)
        {
            pixels[offset + c] = Rgb48.Clamp(pixels[offset + c] + ((Rgb48.Max - pixels[offset + c]) * alpha));
        }
    }

    private static float Square(float v) => v * v;
}
