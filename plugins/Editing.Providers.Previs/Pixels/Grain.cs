using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Pixels;

/// <summary>
/// Faint monochrome film grain so a hold is not a frozen frame: a seeded tile of triangular noise, read at a different
/// seeded offset for every frame, added equally to R, G and B.
/// </summary>
internal sealed class Grain
{
    private const int Tile = 256;
    private readonly long _seed;
    private readonly float[] _tile = new float[Tile * Tile];

    public Grain(long seed, double amplitude)
    {
        _seed = seed;
        var scale = (float)(amplitude * Rgb48.Max);
        for (var i = 0; i < _tile.Length; i++)
        {
            // The sum of two uniforms is triangular in −1..1: grain without hard clipping of its extremes.
            var noise = SeededRandom.UnitF(seed, 7, i) + SeededRandom.UnitF(seed, 8, i) - 1f;
            _tile[i] = noise * scale;
        }
    }

    /// <summary><paramref name="target"/> = <paramref name="source"/> + the grain of frame <paramref name="frame"/>.</summary>
    public void Apply(VideoFrame source, VideoFrame target, int frame)
    {
        var ox = (int)(SeededRandom.Hash(_seed, 9, frame) % Tile);
        var oy = (int)(SeededRandom.Hash(_seed, 10, frame) % Tile);
        var width = target.Width;
        Parallel.For(0, target.Height, y =>
        {
            var input = Rgb48.Values(source).Slice(y * width * 3, width * 3);
            var output = Rgb48.Values(target).Slice(y * width * 3, width * 3);
            var tileRow = _tile.AsSpan(((y + oy) % Tile) * Tile, Tile);
            for (var x = 0; x < width; x++)
            {
                var g = tileRow[(x + ox) % Tile];
                var o = x * 3;
                output[o] = Rgb48.Clamp(input[o] + g);
                output[o + 1] = Rgb48.Clamp(input[o + 1] + g);
                output[o + 2] = Rgb48.Clamp(input[o + 2] + g);
            }
        });
    }
}
