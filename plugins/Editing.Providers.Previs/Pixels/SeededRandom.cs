namespace Editing.Providers.Previs.Pixels;

/// <summary>
/// Stateless, portable random numbers from a seed and coordinates (SplitMix64 finaliser), so any pixel or lattice
/// point can be computed in any order, on any thread, with the same result.
/// </summary>
internal static class SeededRandom
{
    public static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    public static ulong Hash(long seed, long a, long b = 0, long c = 0) =>
        Mix(Mix(Mix(Mix((ulong)seed) ^ (ulong)a) ^ (ulong)b) ^ (ulong)c);

    /// <summary>A value in [0, 1).</summary>
    public static double Unit(long seed, long a, long b = 0, long c = 0) => (Hash(seed, a, b, c) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A value in [0, 1) as a float, from the top 24 bits.</summary>
    public static float UnitF(long seed, long a, long b = 0, long c = 0) => (Hash(seed, a, b, c) >> 40) * (1f / (1 << 24));
}
