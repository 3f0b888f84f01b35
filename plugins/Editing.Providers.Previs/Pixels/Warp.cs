using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Pixels;

/// <summary>
/// Resamples a 16-bit frame through an <see cref="Affine"/> map with bilinear filtering (positions to 1/256 pixel,
/// integer arithmetic). Samples that fall outside the source are mirrored back in, so moving, turning or shrinking the
/// picture never shows empty edges. Rows run in parallel; each output pixel depends only on its own coordinates, so
/// the result is the same on any number of cores. An identity map copies the source exactly.
/// </summary>
/// <remarks>
/// A pure translation (what <c>MotionExtension</c> asks for on every frame) takes a fast path: within a row, every
/// pixel whose two horizontal taps are both inside the source reads the same two source rows at the same
/// horizontal offset with the same weights, so that span is one constant-weight blend, vectorised. The other pixels
/// (mirrored or edge-clamped taps) go through the same per-pixel code as any other map, so the result is
/// bit-identical to <see cref="ApplyGeneral"/>; see <see cref="TranslateRow"/> for why.
/// </remarks>
internal static class Warp
{
    private const int FractionBits = 8;
    private const int One = 1 << FractionBits;
    private const uint Half = 1u << ((2 * FractionBits) - 1);

    /// <summary>Writes <paramref name="source"/> resampled through <paramref name="map"/> into <paramref name="target"/>
    /// (a different frame; it may be of another size).</summary>
    public static void Apply(VideoFrame source, VideoFrame target, Affine map) =>
        Apply(source, target, map, Vector128.IsHardwareAccelerated);

    /// <summary>
    /// <see cref="Apply(VideoFrame, VideoFrame, Affine)"/> with SIMD in the translation fast path on or off (tests turn
    /// it off to check the scalar loop); the result is the same either way.
    /// </summary>
    internal static void Apply(VideoFrame source, VideoFrame target, Affine map, bool useVectors)
    {
        if (!IsTranslation(map))
        {
            ApplyGeneral(source, target, map);
            return;
        }

        var width = source.Width;
        var height = source.Height;
        var outWidth = target.Width;
        Parallel.For(0, target.Height, y =>
        {
            var row = Rgb48.Values(target).Slice(y * outWidth * 3, outWidth * 3);
            TranslateRow(Rgb48.Values(source), row, y, map, width, height, useVectors);
        });
    }

    /// <summary>The per-pixel path every map can take (the reference the translation path is tested against).</summary>
    internal static void ApplyGeneral(VideoFrame source, VideoFrame target, Affine map)
    {
        var width = source.Width;
        var height = source.Height;
        var outWidth = target.Width;
        Parallel.For(0, target.Height, y =>
        {
            ref var src = ref MemoryMarshal.GetReference(Rgb48.Values(source));
            var row = Rgb48.Values(target).Slice(y * outWidth * 3, outWidth * 3);
            var setup = RowSetup.For(map, y, outWidth, width, height);
            for (var x = 0; x < outWidth; x++)
            {
                var (fixedX, fixedY) = Position(map, setup, x, width, height);
                Sample(ref src, row, x, fixedX, fixedY, width, height);
            }
        });
    }

    /// <summary>A = E = 1 and B = D = 0 (either sign of zero): <c>sx = x + C</c>, <c>sy = y + F</c>.</summary>
    private static bool IsTranslation(in Affine map) => map.A == 1 && map.B == 0 && map.D == 0 && map.E == 1;

    /// <summary>
    /// One output row of a translation. The interior span [first, end) holds the pixels with
    /// <c>0 ≤ sx &lt; width − 1</c>: both horizontal taps inside the source, so neither mirroring (the identity there)
    /// nor the right-edge clamp changes anything. The rest of the row goes through <see cref="Position"/> and
    /// <see cref="Sample"/>, exactly as in <see cref="ApplyGeneral"/>.
    /// </summary>
    /// <remarks>
    /// Why the span can use one offset and one pair of weights and still match the per-pixel path bit for bit:
    /// <list type="bullet">
    /// <item>Vertically, <c>sy = D·x + rowY</c> with D = ±0, so <c>D·x</c> is a signed zero and <c>sy</c> (and its
    /// mirror, a function of <c>sy</c> alone) is the same for every x; its fixed-point value is taken from
    /// <see cref="Position"/> itself.</item>
    /// <item>Horizontally, the per-pixel path computes <c>floor(256·fl(x + rowX))</c> (A = 1, so <c>A·x = x</c>;
    /// scaling by 256 is exact). Let <c>v = 256x + 256·rowX</c> (exact) and <c>n = floor(v)</c>; as a row goes right,
    /// <c>n = 256x + q</c> with q constant. Both n and n + 1 are doubles, and rounding is monotonic, so
    /// <c>fl(v)</c> is in [n, n + 1] and its floor is n, or n + 1 only when v rounds up to n + 1. That happens when
    /// <c>d = n + 1 − v</c> (the same for every x) is at most half the spacing s of doubles just below n + 1. A tie
    /// goes up, because n + 1 is an integer far below 2⁵², so its last significand bit is 0. Over the span v ≥ 0,
    /// n + 1 grows with x and so does s, so "rounds up" is false then true at most once along the row. If the
    /// first and last pixel of the span have the same <c>fixed − 256x</c>, every pixel between does. The row checks
    /// exactly that with <see cref="Position"/>, the per-pixel path's own expressions, and falls back to the
    /// per-pixel path for the whole row when it does not hold (rounding that changes inside a row, e.g.
    /// <c>rowX = −10⁻¹⁵</c>).</item>
    /// <item>The span blend uses <see cref="Blend"/>'s integer formula, rewritten as
    /// <c>a·(256 − f) + b·f = 256a + (b − a)·f</c> in wrapping 32-bit arithmetic: the true values lie in [0, 2³²), so
    /// the results are the same modulo 2³² and therefore equal.</item>
    /// </list>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TranslateRow(Span<ushort> source, Span<ushort> row, int y, Affine map, int width, int height, bool useVectors)
    {
        ref var src = ref MemoryMarshal.GetReference(source);
        var outWidth = row.Length / 3;
        var setup = RowSetup.For(map, y, outWidth, width, height);
        var (first, end) = InteriorSpan(map, setup.X, width, outWidth);
        var offset = 0;
        var fixedY = 0;
        if (first < end)
        {
            var (firstX, firstY) = Position(map, setup, first, width, height);
            var (lastX, lastY) = Position(map, setup, end - 1, width, height);
            offset = firstX - (first << FractionBits);
            fixedY = firstY;
            if (lastX - ((end - 1) << FractionBits) != offset || lastY != firstY)
            {
                (first, end) = (outWidth, outWidth);
            }
        }

        for (var x = 0; x < first; x++)
        {
            var (fixedX, fy) = Position(map, setup, x, width, height);
            Sample(ref src, row, x, fixedX, fy, width, height);
        }

        if (first < end)
        {
            var y0 = fixedY >> FractionBits;
            var y1 = y0 + 1 < height ? y0 + 1 : y0;
            var start = ((first << FractionBits) + offset) >> FractionBits;
            var count = 3 * (end - first);
            // Tap a at source pixel x0 = x + (offset >> 8), tap b at x0 + 1 (inside the row: x0 ≤ width − 2).
            var top = source.Slice(((y0 * width) + start) * 3, count + 3);
            var bottom = source.Slice(((y1 * width) + start) * 3, count + 3);
            BlendSpan(top, bottom, row.Slice(3 * first, count), (uint)(offset & (One - 1)), (uint)(fixedY & (One - 1)), useVectors);
        }

        for (var x = Math.Max(end, first); x < outWidth; x++)
        {
            var (fixedX, fy) = Position(map, setup, x, width, height);
            Sample(ref src, row, x, fixedX, fy, width, height);
        }
    }

    /// <summary>
    /// The output pixels [first, end) with <c>0 ≤ x + rowX &lt; width − 1</c> (evaluated as the per-pixel path does;
    /// <c>fl(x + rowX)</c> never decreases with x, so this is one span). Empty for non-finite or huge offsets.
    /// </summary>
    private static (int First, int End) InteriorSpan(in Affine map, double rowX, int width, int outWidth)
    {
        if (width < 2 || !(Math.Abs(rowX) < 1 << 28))
        {
            return (0, 0);
        }

        var limit = width - 1;
        var first = (int)Math.Clamp(Math.Ceiling(-rowX), 0, outWidth);
        while (first > 0 && (map.A * (first - 1)) + rowX >= 0)
        {
            first--;
        }

        while (first < outWidth && (map.A * first) + rowX < 0)
        {
            first++;
        }

        var end = (int)Math.Clamp(Math.Ceiling(limit - rowX), first, outWidth);
        while (end > first && (map.A * (end - 1)) + rowX >= limit)
        {
            end--;
        }

        while (end < outWidth && (map.A * end) + rowX < limit)
        {
            end++;
        }

        return (first, end);
    }

    /// <summary>
    /// <c>output[i]</c> = the bilinear blend of <c>top[i]</c>, <c>top[i + 3]</c> (the next pixel's same channel),
    /// <c>bottom[i]</c>, <c>bottom[i + 3]</c> with the constant weights <paramref name="fx"/>, <paramref name="fy"/>;
    /// <paramref name="top"/> and <paramref name="bottom"/> are 3 values longer than <paramref name="output"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BlendSpan(ReadOnlySpan<ushort> top, ReadOnlySpan<ushort> bottom, Span<ushort> output, uint fx, uint fy, bool useVectors)
    {
        ref var t = ref MemoryMarshal.GetReference(top);
        ref var b = ref MemoryMarshal.GetReference(bottom);
        ref var o = ref MemoryMarshal.GetReference(output);
        var n = output.Length;
        if (useVectors && Vector256.IsHardwareAccelerated && n >= Vector256<ushort>.Count)
        {
            var last = n - Vector256<ushort>.Count;
            for (var i = 0; i < last; i += Vector256<ushort>.Count)
            {
                Blend256(ref t, ref b, ref o, (nuint)i, fx, fy);
            }

            // The last block may overlap the one before; it writes the same values there.
            Blend256(ref t, ref b, ref o, (nuint)last, fx, fy);
            return;
        }

        if (useVectors && Vector128.IsHardwareAccelerated && n >= Vector128<ushort>.Count)
        {
            var last = n - Vector128<ushort>.Count;
            for (var i = 0; i < last; i += Vector128<ushort>.Count)
            {
                Blend128(ref t, ref b, ref o, (nuint)i, fx, fy);
            }

            Blend128(ref t, ref b, ref o, (nuint)last, fx, fy);
            return;
        }

        for (var i = 0; i < n; i++)
        {
            var up = (Unsafe.Add(ref t, i) * (One - fx)) + (Unsafe.Add(ref t, i + 3) * fx);
            var down = (Unsafe.Add(ref b, i) * (One - fx)) + (Unsafe.Add(ref b, i + 3) * fx);
            Unsafe.Add(ref o, i) = (ushort)(((up * (One - fy)) + (down * fy) + Half) >> (2 * FractionBits));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Blend256(ref ushort top, ref ushort bottom, ref ushort output, nuint i, uint fx, uint fy)
    {
        var (a0, a1) = Vector256.Widen(Vector256.LoadUnsafe(ref top, i));
        var (b0, b1) = Vector256.Widen(Vector256.LoadUnsafe(ref top, i + 3));
        var (c0, c1) = Vector256.Widen(Vector256.LoadUnsafe(ref bottom, i));
        var (d0, d1) = Vector256.Widen(Vector256.LoadUnsafe(ref bottom, i + 3));
        var wx = Vector256.Create(fx);
        var wy = Vector256.Create(fy);
        var half = Vector256.Create(Half);
        var up0 = (a0 << FractionBits) + ((b0 - a0) * wx);
        var up1 = (a1 << FractionBits) + ((b1 - a1) * wx);
        var down0 = (c0 << FractionBits) + ((d0 - c0) * wx);
        var down1 = (c1 << FractionBits) + ((d1 - c1) * wx);
        var out0 = ((up0 << FractionBits) + ((down0 - up0) * wy) + half) >> (2 * FractionBits);
        var out1 = ((up1 << FractionBits) + ((down1 - up1) * wy) + half) >> (2 * FractionBits);
        Vector256.Narrow(out0, out1).StoreUnsafe(ref output, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Blend128(ref ushort top, ref ushort bottom, ref ushort output, nuint i, uint fx, uint fy)
    {
        var (a0, a1) = Vector128.Widen(Vector128.LoadUnsafe(ref top, i));
        var (b0, b1) = Vector128.Widen(Vector128.LoadUnsafe(ref top, i + 3));
        var (c0, c1) = Vector128.Widen(Vector128.LoadUnsafe(ref bottom, i));
        var (d0, d1) = Vector128.Widen(Vector128.LoadUnsafe(ref bottom, i + 3));
        var wx = Vector128.Create(fx);
        var wy = Vector128.Create(fy);
        var half = Vector128.Create(Half);
        var up0 = (a0 << FractionBits) + ((b0 - a0) * wx);
        var up1 = (a1 << FractionBits) + ((b1 - a1) * wx);
        var down0 = (c0 << FractionBits) + ((d0 - c0) * wx);
        var down1 = (c1 << FractionBits) + ((d1 - c1) * wx);
        var out0 = ((up0 << FractionBits) + ((down0 - up0) * wy) + half) >> (2 * FractionBits);
        var out1 = ((up1 << FractionBits) + ((down1 - up1) * wy) + half) >> (2 * FractionBits);
        Vector128.Narrow(out0, out1).StoreUnsafe(ref output, i);
    }

    /// <summary>
    /// The fixed-point source position (1/256 pixel) of output pixel <paramref name="x"/>: mirrored into the source
    /// when the row needs it, non-negative, so the conversion truncates towards the pixel on the left/top.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int X, int Y) Position(in Affine map, in RowSetup setup, int x, int width, int height)
    {
        var sx = (map.A * x) + setup.X;
        var sy = (map.D * x) + setup.Y;
        if (!setup.Inside)
        {
            sx = Mirror(sx, width);
            sy = Mirror(sy, height);
        }

        return ((int)(sx * One), (int)(sy * One));
    }

    /// <summary>Writes output pixel <paramref name="x"/> of <paramref name="row"/> from its fixed-point source position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sample(ref ushort src, Span<ushort> row, int x, int fixedX, int fixedY, int width, int height)
    {
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

    /// <summary>Bilinear blend of four 16-bit values with 8-bit weights; the sum stays below 2³² (65535 × 256 × 256).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Blend(ref ushort src, int p00, int p01, int p10, int p11, uint fx, uint fy)
    {
        // Indices come from coordinates clamped or mirrored into the frame, so they are always in range.
        var top = (Unsafe.Add(ref src, p00) * (One - fx)) + (Unsafe.Add(ref src, p01) * fx);
        var bottom = (Unsafe.Add(ref src, p10) * (One - fx)) + (Unsafe.Add(ref src, p11) * fx);
        return (ushort)(((top * (One - fy)) + (bottom * fy) + Half) >> (2 * FractionBits));
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

    /// <summary>
    /// Where output row y starts reading (<c>B·y + C</c>, <c>E·y + F</c>) and whether the whole row stays inside the
    /// source (its first and last pixel do; the map is linear), so that no pixel of it needs mirroring.
    /// </summary>
    private readonly record struct RowSetup(double X, double Y, bool Inside)
    {
        public static RowSetup For(in Affine map, int y, int outWidth, int width, int height)
        {
            var rowX = (map.B * y) + map.C;
            var rowY = (map.E * y) + map.F;
            var endX = (map.A * (outWidth - 1)) + rowX;
            var endY = (map.D * (outWidth - 1)) + rowY;
            var inside = Warp.Inside(rowX, width) && Warp.Inside(endX, width) && Warp.Inside(rowY, height) && Warp.Inside(endY, height);
            return new RowSetup(rowX, rowY, inside);
        }
    }
}
