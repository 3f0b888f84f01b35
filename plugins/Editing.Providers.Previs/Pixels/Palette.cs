namespace Editing.Providers.Previs.Pixels;

/// <summary>
/// A seeded colour ramp from dark to mid tones (so white text stays readable), as a lookup table of 16-bit RGB: a base
/// hue, a neighbour, and two stops near the complementary hue.
/// </summary>
internal sealed class Palette
{
    public const int Entries = 1024;

    private Palette(ushort[] table) => Table = table;

    /// <summary><see cref="Entries"/> × R G B, darkest first.</summary>
    public ushort[] Table { get; }

    public static Palette FromSeed(long seed)
    {
        var hue = SeededRandom.Unit(seed, 101);
        var opposite = hue + 0.42 + (0.16 * SeededRandom.Unit(seed, 102));
        var saturation = 0.35 + (0.25 * SeededRandom.Unit(seed, 103));
        (double Position, double H, double S, double L)[] stops =
        [
            (0.0, hue, saturation, 0.07),
            (0.38, hue + 0.05, saturation * 0.9, 0.22),
            (0.72, opposite, saturation * 0.8, 0.36),
            (1.0, opposite + 0.06, saturation * 0.7, 0.52),
        ];
        var colours = stops.Select(s => Hsl(s.H, s.S, s.L)).ToArray();
        var table = new ushort[Entries * 3];
        for (var i = 0; i < Entries; i++)
        {
            var t = i / (double)(Entries - 1);
            var k = 0;
            while (k < stops.Length - 2 && t > stops[k + 1].Position)
            {
                k++;
            }

            var local = (t - stops[k].Position) / (stops[k + 1].Position - stops[k].Position);
            local = local * local * (3 - (2 * local));
            for (var c = 0; c < 3; c++)
            {
                var value = colours[k][c] + ((colours[k + 1][c] - colours[k][c]) * local);
                table[(i * 3) + c] = (ushort)Math.Round(Math.Clamp(value, 0, 1) * 65535);
            }
        }

        return new Palette(table);
    }

    private static double[] Hsl(double hue, double saturation, double lightness)
    {
        hue -= Math.Floor(hue);
        var q = lightness < 0.5 ? lightness * (1 + saturation) : lightness + saturation - (lightness * saturation);
        var p = (2 * lightness) - q;
        return [Channel(p, q, hue + (1.0 / 3)), Channel(p, q, hue), Channel(p, q, hue - (1.0 / 3))];
    }

    private static double Channel(double p, double q, double t)
    {
        t -= Math.Floor(t);
        return t switch
        {
            < 1.0 / 6 => p + ((q - p) * 6 * t),
            < 0.5 => q,
            < 2.0 / 3 => p + ((q - p) * ((2.0 / 3) - t) * 6),
            _ => p,
        };
    }
}
