namespace Editing.Providers.Previs.Pixels;

/// <summary>
/// Smooth seeded 3-D value noise and its fractal sum: random values on the integer lattice, blended with a quintic
/// fade so the field and its slope are continuous. The third axis is time, so a slice that moves along it changes
/// smoothly from frame to frame.
/// </summary>
internal static class ValueNoise
{
    public const int Octaves = 4;

    /// <summary>Fractal sum of <see cref="Octaves"/> octaves (each twice the frequency and half the weight), in [0, 1].</summary>
    public static float Fractal(long seed, double x, double y, double z)
    {
        float sum = 0;
        float weight = 0.5f;
        float total = 0;
        for (var octave = 0; octave < Octaves; octave++)
        {
            sum += weight * Sample(seed + octave, x, y, z + (octave * 17.31));
            total += weight;
            weight *= 0.5f;
            x *= 2;
            y *= 2;
            z *= 2;
        }

        return sum / total;
    }

    /// <summary>One octave, in [0, 1].</summary>
    public static float Sample(long seed, double x, double y, double z)
    {
        var ix = (long)Math.Floor(x);
        var iy = (long)Math.Floor(y);
        var iz = (long)Math.Floor(z);
        var fx = Fade((float)(x - ix));
        var fy = Fade((float)(y - iy));
        var fz = Fade((float)(z - iz));
        var c000 = SeededRandom.UnitF(seed, ix, iy, iz);
        var c100 = SeededRandom.UnitF(seed, ix + 1, iy, iz);
        var c010 = SeededRandom.UnitF(seed, ix, iy + 1, iz);
        var c110 = SeededRandom.UnitF(seed, ix + 1, iy + 1, iz);
        var c001 = SeededRandom.UnitF(seed, ix, iy, iz + 1);
        var c101 = SeededRandom.UnitF(seed, ix + 1, iy, iz + 1);
        var c011 = SeededRandom.UnitF(seed, ix, iy + 1, iz + 1);
        var c111 = SeededRandom.UnitF(seed, ix + 1, iy + 1, iz + 1);
        var x00 = Lerp(c000, c100, fx);
        var x10 = Lerp(c010, c110, fx);
        var x01 = Lerp(c001, c101, fx);
        var x11 = Lerp(c011, c111, fx);
        return Lerp(Lerp(x00, x10, fy), Lerp(x01, x11, fy), fz);
    }

    private static float Fade(float t) => t * t * t * ((t * ((t * 6) - 15)) + 10);

    private static float Lerp(float a, float b, float t) => a + ((b - a) * t);
}
