using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Pixels;

/// <summary>
/// Faint monochrome film grain so a hold is not a frozen frame: a seeded tile of triangular noise, read at a different
/// seeded offset for every frame, added equally to R, G and B.
/// </summary>
/// <remarks>
/// Each channel is <c>(ushort)Math.Clamp(input + g + 0.5f, 0, 65535)</c> in single precision. The sum is kept in
/// float on purpose: the integer shortcut <c>input + floor(g + 0.5)</c> is not the same, because <c>input + g</c>
/// is rounded to a grid of 2⁻⁸ … 2⁻⁷ for inputs above 32767, so a g just below a half (e.g. 0.49999997) rounds up
/// to the half for large inputs and not for small ones. The vector path does the same two IEEE single-precision
/// additions, which give the same results in SIMD lanes as in scalar code, then truncates and clamps in integers:
/// for any finite s, <c>trunc(clamp(s, 0, 65535)) = clamp(trunc(s), 0, 65535)</c>. The sums stay far inside the int
/// range (the vector path only runs for |g| &lt; 2²⁴), where the hardware's truncating conversion is exact.
/// </remarks>
internal sealed class Grain
{
    private const int Tile = 256;

    /// <summary>A tile row with each value tripled (R, G, B), twice over: any 256 pixels from any start are contiguous.</summary>
    private const int RowValues = 3 * 2 * Tile;

    /// <summary>Channel values in a full 256-pixel run of a row.</summary>
    private const int RunValues = 3 * Tile;

    private readonly long _seed;
    private readonly float[] _tile = new float[Tile * Tile];
    private readonly float[] _rows = new float[Tile * RowValues];

    /// <summary>Grain small enough (|g| &lt; 2²⁴) that every sum converts to int exactly; otherwise only scalar code runs.</summary>
    private readonly bool _vectorSafe;

    public Grain(long seed, double amplitude)
    {
        _seed = seed;
        var scale = (float)(amplitude * Rgb48.Max);
        _vectorSafe = Math.Abs(scale) < 1 << 24;
        for (var i = 0; i < _tile.Length; i++)
        {
            // The sum of two uniforms is triangular in −1..1: grain without hard clipping of its extremes.
            var noise = SeededRandom.UnitF(seed, 7, i) + SeededRandom.UnitF(seed, 8, i) - 1f;
            _tile[i] = noise * scale;
        }

        for (var row = 0; row < Tile; row++)
        {
            var expanded = _rows.AsSpan(row * RowValues, RowValues);
            for (var i = 0; i < 2 * Tile; i++)
            {
                var g = _tile[(row * Tile) + (i % Tile)];
                expanded[3 * i] = g;
                expanded[(3 * i) + 1] = g;
                expanded[(3 * i) + 2] = g;
            }
        }
    }

    /// <summary>Use SIMD where the hardware has it (tests turn it off to compare with the scalar path).</summary>
    internal bool UseVectors { get; set; } = Vector128.IsHardwareAccelerated;

    /// <summary><paramref name="target"/> = <paramref name="source"/> + the grain of frame <paramref name="frame"/>.</summary>
    public void Apply(VideoFrame source, VideoFrame target, int frame)
    {
        var ox = (int)(SeededRandom.Hash(_seed, 9, frame) % Tile);
        var oy = (int)(SeededRandom.Hash(_seed, 10, frame) % Tile);
        var width = target.Width;
        var vectors = UseVectors && _vectorSafe;
        Parallel.For(0, target.Height, y =>
        {
            var input = Rgb48.Values(source).Slice(y * width * 3, width * 3);
            var output = Rgb48.Values(target).Slice(y * width * 3, width * 3);
            if (!vectors)
            {
                var tileRow = _tile.AsSpan(((y + oy) % Tile) * Tile, Tile);
                for (var x = 0; x < width; x++)
                {
                    var g = tileRow[(x + ox) % Tile];
                    var o = x * 3;
                    output[o] = Rgb48.Clamp(input[o] + g);
                    output[o + 1] = Rgb48.Clamp(input[o + 1] + g);
                    output[o + 2] = Rgb48.Clamp(input[o + 2] + g);
                }

                return;
            }

            // Pixels x, x + 256, x + 512, … share a grain value, so every run of 256 pixels (starting at a multiple of
            // 256) reads the same 768 channel values, from pixel ox of the expanded row on.
            var grain = _rows.AsSpan((((y + oy) % Tile) * RowValues) + (3 * ox), RunValues);
            for (var start = 0; start < input.Length; start += RunValues)
            {
                var count = Math.Min(RunValues, input.Length - start);
                AddGrain(input.Slice(start, count), grain[..count], output.Slice(start, count));
            }
        });
    }

    /// <summary><c>output[i] = Rgb48.Clamp(input[i] + grain[i])</c>, 16 or 8 values at a time where possible.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddGrain(ReadOnlySpan<ushort> input, ReadOnlySpan<float> grain, Span<ushort> output)
    {
        ref var i0 = ref MemoryMarshal.GetReference(input);
        ref var g0 = ref MemoryMarshal.GetReference(grain);
        ref var o0 = ref MemoryMarshal.GetReference(output);
        var n = input.Length;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<ushort>.Count)
        {
            var last = n - Vector256<ushort>.Count;
            for (var i = 0; i < last; i += Vector256<ushort>.Count)
            {
                Add256(ref i0, ref g0, ref o0, (nuint)i);
            }

            // The last block may overlap the one before; it writes the same values there.
            Add256(ref i0, ref g0, ref o0, (nuint)last);
            return;
        }

        if (Vector128.IsHardwareAccelerated && n >= Vector128<ushort>.Count)
        {
            var last = n - Vector128<ushort>.Count;
            for (var i = 0; i < last; i += Vector128<ushort>.Count)
            {
                Add128(ref i0, ref g0, ref o0, (nuint)i);
            }

            Add128(ref i0, ref g0, ref o0, (nuint)last);
            return;
        }

        for (var i = 0; i < n; i++)
        {
            Unsafe.Add(ref o0, i) = Rgb48.Clamp(Unsafe.Add(ref i0, i) + Unsafe.Add(ref g0, i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add256(ref ushort input, ref float grain, ref ushort output, nuint i)
    {
        var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref input, i));
        var half = Vector256.Create(0.5f);
        var max = Vector256.Create((int)Rgb48.Max);
        // Two single-precision additions in the scalar order: (input + g) + 0.5.
        var sumLo = (Vector256.ConvertToSingle(lo.AsInt32()) + Vector256.LoadUnsafe(ref grain, i)) + half;
        var sumHi = (Vector256.ConvertToSingle(hi.AsInt32()) + Vector256.LoadUnsafe(ref grain, i + (nuint)Vector256<float>.Count)) + half;
        var outLo = Vector256.Min(Vector256.Max(Vector256.ConvertToInt32Native(sumLo), Vector256<int>.Zero), max);
        var outHi = Vector256.Min(Vector256.Max(Vector256.ConvertToInt32Native(sumHi), Vector256<int>.Zero), max);
        Vector256.Narrow(outLo.AsUInt32(), outHi.AsUInt32()).StoreUnsafe(ref output, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add128(ref ushort input, ref float grain, ref ushort output, nuint i)
    {
        var (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref input, i));
        var half = Vector128.Create(0.5f);
        var max = Vector128.Create((int)Rgb48.Max);
        var sumLo = (Vector128.ConvertToSingle(lo.AsInt32()) + Vector128.LoadUnsafe(ref grain, i)) + half;
        var sumHi = (Vector128.ConvertToSingle(hi.AsInt32()) + Vector128.LoadUnsafe(ref grain, i + (nuint)Vector128<float>.Count)) + half;
        var outLo = Vector128.Min(Vector128.Max(Vector128.ConvertToInt32Native(sumLo), Vector128<int>.Zero), max);
        var outHi = Vector128.Min(Vector128.Max(Vector128.ConvertToInt32Native(sumHi), Vector128<int>.Zero), max);
        Vector128.Narrow(outLo.AsUInt32(), outHi.AsUInt32()).StoreUnsafe(ref output, i);
    }
}
