namespace Editing.Sdk.Providers;

/// <summary>
/// The frame counts a model can produce: <c>Multiple × n + Offset</c> (Wan: 4n+1, LTX-Video: 8n+1; any count is
/// 1n+0). The host generates the smallest allowed count at or above the frames it needs and trims the rest.
/// </summary>
/// <param name="Multiple">Step between allowed counts, ≥ 1.</param>
/// <param name="Offset">Remainder, 0 ≤ Offset &lt; Multiple (or 1 for 4n+1 style grids).</param>
public readonly record struct FrameCountGrid(int Multiple, int Offset)
{
    /// <summary>Any frame count.</summary>
    public static FrameCountGrid Any { get; } = new(1, 0);

    /// <summary>The smallest allowed count ≥ <paramref name="frames"/> (and ≥ 1).</summary>
    public long RoundUp(long frames)
    {
        var m = Math.Max(1, Multiple);
        var n = Math.Max(0, (long)Math.Ceiling((Math.Max(1, frames) - Offset) / (double)m));
        var count = (n * m) + Offset;
        return count < 1 ? count + m : count;
    }

    /// <summary>True when <paramref name="frames"/> is on the grid.</summary>
    public bool Allows(long frames) => frames >= 1 && (frames - Offset) % Math.Max(1, Multiple) == 0 && frames >= Offset;

    /// <summary><c>4n+1</c>.</summary>
    public override string ToString() => Offset == 0 ? $"{Multiple}n" : $"{Multiple}n+{Offset}";
}
