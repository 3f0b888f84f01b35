using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Editing.Media.Frames;

namespace Editing.Media.Transcoding;

/// <summary>
/// Converts packed RGB frames (<c>rgb24</c>, <c>rgb48le</c>) to planar limited-range BT.709 YUV in the writer's own
/// process, so that ffmpeg only encodes: its RGB → YUV path (swscale from <c>rgb48</c>, accurate rounding) costs
/// more than the ProRes encode itself, and the planar frames are a third smaller in the pipe.
/// </summary>
/// <remarks>
/// Integer arithmetic only (coefficients in 20-bit fixed point, rounded half up), so the output is the same on
/// every machine. Chroma is subsampled with a [1 2 1] / 4 filter on the luma sites (co-sited, as BT.709 4:2:2
/// is), and for 4:2:0 averaged over the two rows.
/// </remarks>
internal sealed class YuvConverter
{
    private const int Shift = 20;

    /// <summary>
    /// Byte shuffles that gather, from the three 16-byte thirds of 8 packed <c>rgb48le</c> pixels, one channel of
    /// the even (or odd) pixels into the low half of four 32-bit lanes: [channel, parity, third].
    /// </summary>
    private static readonly Vector128<byte>[,,] Gather = MakeGather();

    private readonly int _width;
    private readonly int _height;
    private readonly RawPixelFormat _input;
    private readonly int _bits;
    private readonly int _chromaShiftX;
    private readonly int _chromaShiftY;
    private readonly int _max;
    private readonly long _yOffset;
    private readonly long _cOffset;
    private readonly long _yr, _yg, _yb;
    private readonly long _ur, _ug, _ub;
    private readonly long _vr, _vg, _vb;

    private YuvConverter(int width, int height, RawPixelFormat input, int bits, int chromaShiftX, int chromaShiftY)
    {
        _width = width;
        _height = height;
        _input = input;
        _bits = bits;
        _chromaShiftX = chromaShiftX;
        _chromaShiftY = chromaShiftY;
        _max = (1 << bits) - 1;
        var up = bits - 8;
        _yOffset = 16L << up;
        _cOffset = 128L << up;
        const double kr = 0.2126, kg = 0.7152, kb = 0.0722;
        double yScale = 219 << up, cScale = 224 << up;
        // Inputs are 16-bit (rgb24 values are widened × 257), so each coefficient maps 0..65535 to the range.
        long C(double k, double scale) => (long)Math.Round(k * scale / 65535.0 * (1 << Shift), MidpointRounding.AwayFromZero);
        (_yr, _yg, _yb) = (C(kr, yScale), C(kg, yScale), C(kb, yScale));
        (_ur, _ug, _ub) = (C(-kr / (2 * (1 - kb)), cScale), C(-kg / (2 * (1 - kb)), cScale), C(0.5, cScale));
        (_vr, _vg, _vb) = (C(0.5, cScale), C(-kg / (2 * (1 - kr)), cScale), C(-kb / (2 * (1 - kr)), cScale));
        ChromaWidth = width >> chromaShiftX;
        ChromaHeight = height >> chromaShiftY;
        var bytesPerSample = bits > 8 ? 2 : 1;
        OutputBytes = checked(((width * height) + (2 * ChromaWidth * ChromaHeight)) * bytesPerSample);
    }

    /// <summary>Use SIMD where the hardware has it (tests turn it off to compare with the scalar path).</summary>
    internal bool UseVectors { get; set; } = Vector128.IsHardwareAccelerated;

    /// <summary>
    /// With <see cref="UseVectors"/>, use the AVX2 path for 10-bit 4:2:2 from <c>rgb48le</c> where the CPU has it
    /// (tests and benchmarks turn it off to compare with the <see cref="Vector128"/> path).
    /// </summary>
    internal bool UseVector256 { get; set; } = Avx2.IsSupported;

    /// <summary>ffmpeg's name of the planar format written.</summary>
    public string PixelFormat => (_bits, _chromaShiftX, _chromaShiftY) switch
    {
        (10, 1, 0) => "yuv422p10le",
        (10, 0, 0) => "yuv444p10le",
        (10, 1, 1) => "yuv420p10le",
        (8, 1, 0) => "yuv422p",
        (8, 0, 0) => "yuv444p",
        _ => "yuv420p",
    };

    /// <summary>Bytes of one converted frame (Y, then Cb, then Cr plane).</summary>
    public int OutputBytes { get; }

    private int ChromaWidth { get; }

    private int ChromaHeight { get; }

    /// <summary>
    /// A converter from <paramref name="input"/> frames of <paramref name="size"/> to <paramref name="pixelFormat"/>,
    /// or null when that format is not one it writes (8- or 10-bit 4:4:4, 4:2:2, 4:2:0) or the size does not fit its
    /// subsampling.
    /// </summary>
    public static YuvConverter? For(string pixelFormat, FrameSize size, RawPixelFormat input)
    {
        if (!BitConverter.IsLittleEndian || !size.IsValid)
        {
            return null;
        }
        (int Bits, int X, int Y)? layout = pixelFormat switch
        {
            "yuv422p10le" => (10, 1, 0),
            "yuv444p10le" => (10, 0, 0),
            "yuv420p10le" => (10, 1, 1),
            "yuv422p" => (8, 1, 0),
            "yuv444p" => (8, 0, 0),
            "yuv420p" => (8, 1, 1),
            _ => null,
        };
        if (layout is not { } l || size.Width % (1 << l.X) != 0 || size.Height % (1 << l.Y) != 0)
        {
            return null;
        }
        return new YuvConverter(size.Width, size.Height, input, l.Bits, l.X, l.Y);
    }

    /// <summary>Converts one packed RGB frame into <paramref name="output"/> (<see cref="OutputBytes"/> long).</summary>
    public void Convert(byte[] rgb, byte[] output)
    {
        var rows = _height >> _chromaShiftY;
        // Bands of chroma rows (each is 1 or 2 picture rows), converted in parallel on large frames.
        var bands = _width * _height >= 1 << 18 ? Math.Min(Environment.ProcessorCount, 8) : 1;
        if (bands <= 1)
        {
            ConvertRows(rgb, output, 0, rows);
            return;
        }
        Parallel.For(0, bands, band => ConvertRows(rgb, output, rows * band / bands, rows * (band + 1) / bands));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ConvertRows(byte[] rgb, byte[] output, int firstChromaRow, int endChromaRow)
    {
        if (_input == RawPixelFormat.Rgb48 && _chromaShiftX == 1 && _chromaShiftY == 0)
        {
            Convert422Rows(rgb, output, firstChromaRow, endChromaRow);
            return;
        }
        var w = _width;
        var line = new int[3 * w];
        var next = _chromaShiftY == 1 ? new int[3 * w] : null;
        var chroma = new long[2 * ChromaWidth];
        for (var cy = firstChromaRow; cy < endChromaRow; cy++)
        {
            var y0 = cy << _chromaShiftY;
            ReadRow(rgb, y0, line);
            WriteLuma(output, y0, line);
            Array.Clear(chroma);
            AccumulateChroma(line, chroma);
            if (next is not null)
            {
                ReadRow(rgb, y0 + 1, next);
                WriteLuma(output, y0 + 1, next);
                AccumulateChroma(next, chroma);
            }
            WriteChroma(output, cy, chroma);
        }
    }

    /// <summary>
    /// The common case (16-bit RGB to 4:2:2, what previs and retimes write) in one pass per row, in 32-bit integers:
    /// luma sums stay below 876·2²⁰ and chroma sums below 2³¹ (|coefficients| · 4 · 65535 &lt; 1.9·10⁹). Same
    /// arithmetic, so the same values, as the general path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Convert422Rows(byte[] rgb, byte[] output, int firstRow, int endRow)
    {
        const int round = 1 << (Shift - 1);
        const int chromaRound = 1 << (Shift + 1);
        var w = _width;
        var cw = w >> 1;
        var max = _max;
        int yr = (int)_yr, yg = (int)_yg, yb = (int)_yb, yo = (int)_yOffset;
        int ur = (int)_ur, ug = (int)_ug, ub = (int)_ub;
        int vr = (int)_vr, vg = (int)_vg, vb = (int)_vb, co = (int)_cOffset;
        var source = MemoryMarshal.Cast<byte, ushort>(rgb.AsSpan());
        var wide = _bits > 8;
        var samples = wide ? MemoryMarshal.Cast<byte, ushort>(output.AsSpan()) : default;
        var bytes = wide ? default : output.AsSpan();
        var uBase = w * _height;
        var vBase = uBase + (cw * _height);
        var vectors = wide && UseVectors;
        var avx2 = vectors && UseVector256 && Avx2.IsSupported && _bits == 10;
        for (var y = firstRow; y < endRow; y++)
        {
            var row = source.Slice(y * 3 * w, 3 * w);
            var lumaStart = y * w;
            var chromaStart = y * cw;
            // The pixel left of site 0 is the edge pixel itself.
            int pr = row[0], pg = row[1], pb = row[2];
            var first = 0;
            if (avx2)
            {
                first = Convert422Avx2(rgb.AsSpan(y * 6 * w, 6 * w), samples, lumaStart, uBase + chromaStart, vBase + chromaStart, ref pr, ref pg, ref pb);
            }
            else if (vectors)
            {
                first = Convert422Vectors(rgb.AsSpan(y * 6 * w, 6 * w), samples, lumaStart, uBase + chromaStart, vBase + chromaStart, ref pr, ref pg, ref pb);
            }
            for (var cx = first; cx < cw; cx++)
            {
                var i = 6 * cx;
                int r0 = row[i], g0 = row[i + 1], b0 = row[i + 2];
                int r1 = row[i + 3], g1 = row[i + 4], b1 = row[i + 5];
                var ya = Math.Clamp(yo + (((yr * r0) + (yg * g0) + (yb * b0) + round) >> Shift), 0, max);
                var yb2 = Math.Clamp(yo + (((yr * r1) + (yg * g1) + (yb * b1) + round) >> Shift), 0, max);
                // [1 2 1] around pixel 2cx: its left neighbour, itself twice, its right neighbour (pixel 2cx + 1).
                var fr = pr + (2 * r0) + r1;
                var fg = pg + (2 * g0) + g1;
                var fb = pb + (2 * b0) + b1;
                var u = Math.Clamp(co + (((ur * fr) + (ug * fg) + (ub * fb) + chromaRound) >> (Shift + 2)), 0, max);
                var v = Math.Clamp(co + (((vr * fr) + (vg * fg) + (vb * fb) + chromaRound) >> (Shift + 2)), 0, max);
                (pr, pg, pb) = (r1, g1, b1);
                if (wide)
                {
                    samples[lumaStart + (2 * cx)] = (ushort)ya;
                    samples[lumaStart + (2 * cx) + 1] = (ushort)yb2;
                    samples[uBase + chromaStart + cx] = (ushort)u;
                    samples[vBase + chromaStart + cx] = (ushort)v;
                }
                else
                {
                    bytes[lumaStart + (2 * cx)] = (byte)ya;
                    bytes[lumaStart + (2 * cx) + 1] = (byte)yb2;
                    bytes[uBase + chromaStart + cx] = (byte)u;
                    bytes[vBase + chromaStart + cx] = (byte)v;
                }
            }
        }
    }

    /// <summary>
    /// The 4:2:2 10-bit row conversion 8 pixels at a time (<see cref="Vector128"/>), the same integer arithmetic as
    /// the scalar loop. Returns the chroma site it stopped at (the scalar loop does the rest of the row) and leaves
    /// the last pixel converted in <paramref name="pr"/>, <paramref name="pg"/>, <paramref name="pb"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Convert422Vectors(ReadOnlySpan<byte> row, Span<ushort> samples, int lumaStart, int uStart, int vStart, ref int pr, ref int pg, ref int pb)
    {
        var blocks = _width / 8;
        if (blocks == 0)
        {
            return 0;
        }
        var yr = Vector128.Create((int)_yr);
        var yg = Vector128.Create((int)_yg);
        var yb = Vector128.Create((int)_yb);
        var yo = Vector128.Create((int)_yOffset);
        var ur = Vector128.Create((int)_ur);
        var ug = Vector128.Create((int)_ug);
        var ub = Vector128.Create((int)_ub);
        var vr = Vector128.Create((int)_vr);
        var vg = Vector128.Create((int)_vg);
        var vb = Vector128.Create((int)_vb);
        var co = Vector128.Create((int)_cOffset);
        var round = Vector128.Create(1 << (Shift - 1));
        var chromaRound = Vector128.Create(1 << (Shift + 1));
        var zero = Vector128<int>.Zero;
        var max = Vector128.Create(_max);
        ref var source = ref MemoryMarshal.GetReference(row);
        ref var target = ref MemoryMarshal.GetReference(samples);
        int carryR = pr, carryG = pg, carryB = pb;
        var m = Gather;
        (var re0, var re1, var re2) = (m[0, 0, 0], m[0, 0, 1], m[0, 0, 2]);
        (var ro0, var ro1, var ro2) = (m[0, 1, 0], m[0, 1, 1], m[0, 1, 2]);
        (var ge0, var ge1, var ge2) = (m[1, 0, 0], m[1, 0, 1], m[1, 0, 2]);
        (var go0, var go1, var go2) = (m[1, 1, 0], m[1, 1, 1], m[1, 1, 2]);
        (var be0, var be1, var be2) = (m[2, 0, 0], m[2, 0, 1], m[2, 0, 2]);
        (var bo0, var bo1, var bo2) = (m[2, 1, 0], m[2, 1, 1], m[2, 1, 2]);
        for (var block = 0; block < blocks; block++)
        {
            var offset = (nuint)(block * 48);
            var a = Vector128.LoadUnsafe(ref source, offset);
            var b = Vector128.LoadUnsafe(ref source, offset + 16);
            var c = Vector128.LoadUnsafe(ref source, offset + 32);
            var re = Channel(a, b, c, re0, re1, re2);
            var ro = Channel(a, b, c, ro0, ro1, ro2);
            var ge = Channel(a, b, c, ge0, ge1, ge2);
            var go = Channel(a, b, c, go0, go1, go2);
            var be = Channel(a, b, c, be0, be1, be2);
            var bo = Channel(a, b, c, bo0, bo1, bo2);

            var lumaEven = Vector128.Min(Vector128.Max(yo + Vector128.ShiftRightArithmetic((yr * re) + (yg * ge) + (yb * be) + round, Shift), zero), max);
            var lumaOdd = Vector128.Min(Vector128.Max(yo + Vector128.ShiftRightArithmetic((yr * ro) + (yg * go) + (yb * bo) + round, Shift), zero), max);
            // Even pixel in the low 16 bits of each lane, odd in the high: eight samples in picture order.
            (lumaEven | Vector128.ShiftLeft(lumaOdd, 16)).AsUInt16().StoreUnsafe(ref target, (nuint)(lumaStart + (block * 8)));

            // [1 2 1] around each even pixel: the odd pixel before it (the previous block's last for the first),
            // itself twice, the odd pixel after it.
            var lr = Vector128.Shuffle(ro, Vector128.Create(3, 0, 1, 2)).WithElement(0, carryR);
            var lg = Vector128.Shuffle(go, Vector128.Create(3, 0, 1, 2)).WithElement(0, carryG);
            var lb = Vector128.Shuffle(bo, Vector128.Create(3, 0, 1, 2)).WithElement(0, carryB);
            var fr = lr + (re + re) + ro;
            var fg = lg + (ge + ge) + go;
            var fb = lb + (be + be) + bo;
            var u = Vector128.Min(Vector128.Max(co + Vector128.ShiftRightArithmetic((ur * fr) + (ug * fg) + (ub * fb) + chromaRound, Shift + 2), zero), max);
            var v = Vector128.Min(Vector128.Max(co + Vector128.ShiftRightArithmetic((vr * fr) + (vg * fg) + (vb * fb) + chromaRound, Shift + 2), zero), max);
            var uv = Vector128.Narrow(u.AsUInt32(), v.AsUInt32()).AsUInt64();
            var site = block * 4;
            Unsafe.WriteUnaligned(
                ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref target, uStart + site)), uv.GetElement(0));
            Unsafe.WriteUnaligned(
                ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref target, vStart + site)), uv.GetElement(1));
            (carryR, carryG, carryB) = (ro.GetElement(3), go.GetElement(3), bo.GetElement(3));
        }
        (pr, pg, pb) = (carryR, carryG, carryB);
        return blocks * 4;
    }

    /// <summary>
    /// The 4:2:2 10-bit row conversion 16 pixels at a time with AVX2. Returns the chroma site it stopped at (the
    /// scalar loop does the rest of the row) and leaves the last pixel converted in <paramref name="pr"/>,
    /// <paramref name="pg"/>, <paramref name="pb"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// De-interleaving without byte shuffles: 16 <c>rgb48le</c> pixels are 24 32-bit words, and word <c>3k</c>
    /// holds (R, G) of pixel <c>2k</c>, word <c>3k + 1</c> (B of pixel <c>2k</c>, R of pixel <c>2k + 1</c>), word
    /// <c>3k + 2</c> (G, B of pixel <c>2k + 1</c>). Of the three 8-word loads, each of these three strided sets
    /// takes disjoint word positions, so two word blends and one word permute put each set in site order. Each
    /// 32-bit word then is a pair of 16-bit samples for <c>vpmaddwd</c>, which multiplies both by a pair of
    /// coefficients and adds the two products: the luma or chroma sum of a pixel is the sum of two such words
    /// with the coefficients of the channels it needs (and 0 for the sample of the other pixel).
    /// </para>
    /// <para>
    /// Why the bytes are the same as the scalar loop's: <c>vpmaddwd</c> is signed, so every sample is flipped to
    /// <c>s − 32768</c> (the top bit XORed) and the sum gets <c>32768 × (sum of its coefficients)</c> back in the
    /// added constant; the coefficients (doubled for the centre of the [1 2 1] filter) are below 2¹⁴ in magnitude,
    /// so the products and pair sums are exact. The chroma filter is linear, so
    /// <c>cr·(l + 2c + r) + cg·(…) + cb·(…)</c> is computed as the per-pixel sums of the odd pixel on the left,
    /// the even pixel (with doubled coefficients) and the odd pixel on the right. Every sum is then the same
    /// polynomial in the same samples as the scalar loop's, in 32-bit two's complement, whose addition and
    /// multiplication are exact modulo 2³², so the 32-bit sums are equal bit for bit before the shift, whatever
    /// the order. After it: luma adds its offset as <c>offset·2²⁰</c> before the shift (the same floor; the sums
    /// of 16-bit samples stay below 2³⁰, so nothing wraps) and is clamped by the unsigned saturating pack (below 0)
    /// and a minimum (above <c>max</c>). Chroma adds <c>512·2²²</c> = 2³¹ before a logical shift:
    /// <c>(x + 2³¹) mod 2³²</c> read unsigned is <c>x + 2³¹</c> for every 32-bit <c>x</c>, so the shift gives
    /// <c>512 + (x &gt;&gt; 22)</c>, always within 0..1023, where the scalar clamp does nothing.
    /// </para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Convert422Avx2(ReadOnlySpan<byte> row, Span<ushort> samples, int lumaStart, int uStart, int vStart, ref int pr, ref int pg, ref int pb)
    {
        var blocks = _width / 16;
        if (blocks == 0)
        {
            return 0;
        }
        const int bias = 32768;
        int yr = (int)_yr, yg = (int)_yg, yb = (int)_yb;
        int ur = (int)_ur, ug = (int)_ug, ub = (int)_ub;
        int vr = (int)_vr, vg = (int)_vg, vb = (int)_vb;
        // Coefficient pairs for the three word sets (R G of an even pixel; B even, R odd; G B of an odd pixel).
        (var yRG, var yB0, var y0R, var yGB) = (Pair(yr, yg), Pair(yb, 0), Pair(0, yr), Pair(yg, yb));
        (var uRG2, var uB02, var u0R, var uGB) = (Pair(2 * ur, 2 * ug), Pair(2 * ub, 0), Pair(0, ur), Pair(ug, ub));
        (var vRG2, var vB02, var v0R, var vGB) = (Pair(2 * vr, 2 * vg), Pair(2 * vb, 0), Pair(0, vr), Pair(vg, vb));
        var lumaConstant = Vector256.Create((1 << (Shift - 1)) + (bias * (yr + yg + yb)) + ((int)_yOffset << Shift));
        var chromaOffset = unchecked((int)((uint)_cOffset << (Shift + 2)));
        var uConstant = Vector256.Create(unchecked((1 << (Shift + 1)) + (4 * bias * (ur + ug + ub)) + chromaOffset));
        var vConstant = Vector256.Create(unchecked((1 << (Shift + 1)) + (4 * bias * (vr + vg + vb)) + chromaOffset));
        var flip = Vector256.Create(unchecked((int)0x8000_8000));
        var max = Vector256.Create((ushort)_max);
        var evenRG = Vector256.Create(0, 3, 6, 1, 4, 7, 2, 5);
        var evenBOddR = Vector256.Create(1, 4, 7, 2, 5, 0, 3, 6);
        var oddGB = Vector256.Create(2, 5, 0, 3, 6, 1, 4, 7);
        var rotate = Vector256.Create(7, 0, 1, 2, 3, 4, 5, 6);
        // Word k of each 128-bit half: even sample k, odd sample k (the pack put the evens first).
        var interleave = Vector256.Create((byte)0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15, 0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15);
        ref var source = ref MemoryMarshal.GetReference(row);
        ref var target = ref MemoryMarshal.GetReference(samples);
        // The odd-pixel chroma sums of the pixel left of site 0, in lane 0 as a rotated vector would have it.
        var leftU = Vector256.Create(unchecked((ur * (pr - bias)) + (ug * (pg - bias)) + (ub * (pb - bias))));
        var leftV = Vector256.Create(unchecked((vr * (pr - bias)) + (vg * (pg - bias)) + (vb * (pb - bias))));
        for (var block = 0; block < blocks; block++)
        {
            var offset = (nuint)(block * 96);
            var a = Vector256.LoadUnsafe(ref source, offset).AsInt32() ^ flip;
            var b = Vector256.LoadUnsafe(ref source, offset + 32).AsInt32() ^ flip;
            var c = Vector256.LoadUnsafe(ref source, offset + 64).AsInt32() ^ flip;
            // Words 3k from a at 0 3 6, b at 1 4 7, c at 2 5; words 3k + 1 and 3k + 2 likewise shifted by one.
            var rg = Avx2.PermuteVar8x32(Avx2.Blend(Avx2.Blend(a, b, 0b1001_0010), c, 0b0010_0100), evenRG).AsInt16();
            var br = Avx2.PermuteVar8x32(Avx2.Blend(Avx2.Blend(a, b, 0b0010_0100), c, 0b0100_1001), evenBOddR).AsInt16();
            var gb = Avx2.PermuteVar8x32(Avx2.Blend(Avx2.Blend(a, b, 0b0100_1001), c, 0b1001_0010), oddGB).AsInt16();

            var lumaEven = Avx2.MultiplyAddAdjacent(rg, yRG) + Avx2.MultiplyAddAdjacent(br, yB0) + lumaConstant;
            var lumaOdd = Avx2.MultiplyAddAdjacent(br, y0R) + Avx2.MultiplyAddAdjacent(gb, yGB) + lumaConstant;
            var luma = Avx2.Min(Avx2.PackUnsignedSaturate(Vector256.ShiftRightArithmetic(lumaEven, Shift), Vector256.ShiftRightArithmetic(lumaOdd, Shift)), max);
            Avx2.Shuffle(luma.AsByte(), interleave).AsUInt16().StoreUnsafe(ref target, (nuint)(lumaStart + (block * 16)));

            // [1 2 1]: the odd pixel before each even one (lane 0: the previous block's last), the even pixel
            // twice (doubled coefficients), the odd pixel after it.
            var uOdd = Avx2.MultiplyAddAdjacent(br, u0R) + Avx2.MultiplyAddAdjacent(gb, uGB);
            var vOdd = Avx2.MultiplyAddAdjacent(br, v0R) + Avx2.MultiplyAddAdjacent(gb, vGB);
            var uRotated = Avx2.PermuteVar8x32(uOdd, rotate);
            var vRotated = Avx2.PermuteVar8x32(vOdd, rotate);
            var u = Avx2.MultiplyAddAdjacent(rg, uRG2) + Avx2.MultiplyAddAdjacent(br, uB02) + uOdd + Avx2.Blend(uRotated, leftU, 0b0000_0001) + uConstant;
            var v = Avx2.MultiplyAddAdjacent(rg, vRG2) + Avx2.MultiplyAddAdjacent(br, vB02) + vOdd + Avx2.Blend(vRotated, leftV, 0b0000_0001) + vConstant;
            (leftU, leftV) = (uRotated, vRotated);
            var uv = Avx2.PackUnsignedSaturate(
                Vector256.ShiftRightLogical(u.AsUInt32(), Shift + 2).AsInt32(),
                Vector256.ShiftRightLogical(v.AsUInt32(), Shift + 2).AsInt32());
            // The pack interleaves per 128-bit half (U 0-3, V 0-3 | U 4-7, V 4-7): gather the U and V halves.
            uv = Avx2.Permute4x64(uv.AsUInt64(), 0b11_01_10_00).AsUInt16();
            var site = (nuint)(block * 8);
            uv.GetLower().StoreUnsafe(ref target, (nuint)uStart + site);
            uv.GetUpper().StoreUnsafe(ref target, (nuint)vStart + site);
        }
        var last = MemoryMarshal.Cast<byte, ushort>(row).Slice((3 * 16 * blocks) - 3, 3);
        (pr, pg, pb) = (last[0], last[1], last[2]);
        return blocks * 8;
    }

    /// <summary>Two 16-bit coefficients in each 32-bit lane (low, high), for <c>vpmaddwd</c>.</summary>
    private static Vector256<short> Pair(int low, int high) =>
        Vector256.Create((ushort)checked((short)low) | (checked((short)high) << 16)).AsInt16();

    /// <summary>One channel of the even or odd pixels of a block, as four 32-bit lanes.</summary>
    private static Vector128<int> Channel(Vector128<byte> a, Vector128<byte> b, Vector128<byte> c, Vector128<byte> fromA, Vector128<byte> fromB, Vector128<byte> fromC) =>
        (Shuffle(a, fromA) | Shuffle(b, fromB) | Shuffle(c, fromC)).AsInt32();

    /// <summary>A byte shuffle where index 255 gives 0 (pshufb on x86, the portable shuffle elsewhere).</summary>
    private static Vector128<byte> Shuffle(Vector128<byte> value, Vector128<byte> indices) =>
        Ssse3.IsSupported ? Ssse3.Shuffle(value, indices) : Vector128.Shuffle(value, indices);

    private static Vector128<byte>[,,] MakeGather()
    {
        var masks = new Vector128<byte>[3, 2, 3];
        for (var channel = 0; channel < 3; channel++)
        {
            for (var parity = 0; parity < 2; parity++)
            {
                var bytes = new byte[3, 16];
                for (var third = 0; third < 3; third++)
                {
                    for (var i = 0; i < 16; i++)
                    {
                        bytes[third, i] = 255;
                    }
                }
                for (var lane = 0; lane < 4; lane++)
                {
                    var pixel = (2 * lane) + parity;
                    var at = (6 * pixel) + (2 * channel);
                    bytes[at / 16, 4 * lane] = (byte)(at % 16);
                    bytes[at / 16, (4 * lane) + 1] = (byte)((at % 16) + 1);
                }
                for (var third = 0; third < 3; third++)
                {
                    var lane = new byte[16];
                    for (var i = 0; i < 16; i++)
                    {
                        lane[i] = bytes[third, i];
                    }
                    masks[channel, parity, third] = Vector128.Create(lane);
                }
            }
        }
        return masks;
    }

    /// <summary>Row <paramref name="y"/> as 16-bit R, G, B values.</summary>
    private void ReadRow(byte[] rgb, int y, int[] line)
    {
        var n = 3 * _width;
        if (_input == RawPixelFormat.Rgb48)
        {
            var row = MemoryMarshal.Cast<byte, ushort>(rgb.AsSpan(y * n * 2, n * 2));
            for (var i = 0; i < n; i++)
            {
                line[i] = row[i];
            }
        }
        else
        {
            var row = rgb.AsSpan(y * n, n);
            for (var i = 0; i < n; i++)
            {
                line[i] = row[i] * 257;
            }
        }
    }

    private void WriteLuma(byte[] output, int y, int[] line)
    {
        const long round = 1L << (Shift - 1);
        var w = _width;
        if (_bits > 8)
        {
            var plane = MemoryMarshal.Cast<byte, ushort>(output.AsSpan(y * w * 2, w * 2));
            for (var x = 0; x < w; x++)
            {
                var i = 3 * x;
                var v = _yOffset + (((_yr * line[i]) + (_yg * line[i + 1]) + (_yb * line[i + 2]) + round) >> Shift);
                plane[x] = (ushort)Math.Clamp(v, 0, _max);
            }
        }
        else
        {
            var plane = output.AsSpan(y * w, w);
            for (var x = 0; x < w; x++)
            {
                var i = 3 * x;
                var v = _yOffset + (((_yr * line[i]) + (_yg * line[i + 1]) + (_yb * line[i + 2]) + round) >> Shift);
                plane[x] = (byte)Math.Clamp(v, 0, _max);
            }
        }
    }

    /// <summary>
    /// Adds the row's chroma at each chroma site to <paramref name="chroma"/> (Cb then Cr per site, before the final
    /// shift): the pixel itself for 4:4:4, else [1 2 1] around the even pixel (edges repeated), so the weights of a
    /// site sum to 4.
    /// </summary>
    private void AccumulateChroma(int[] line, long[] chroma)
    {
        var w = _width;
        if (_chromaShiftX == 0)
        {
            for (var x = 0; x < w; x++)
            {
                var i = 3 * x;
                long r = line[i], g = line[i + 1], b = line[i + 2];
                chroma[2 * x] += 4 * ((_ur * r) + (_ug * g) + (_ub * b));
                chroma[(2 * x) + 1] += 4 * ((_vr * r) + (_vg * g) + (_vb * b));
            }
            return;
        }
        for (var cx = 0; cx < ChromaWidth; cx++)
        {
            var x = 2 * cx;
            var left = 3 * Math.Max(0, x - 1);
            var centre = 3 * x;
            var right = 3 * Math.Min(w - 1, x + 1);
            long r = line[left] + (2L * line[centre]) + line[right];
            long g = line[left + 1] + (2L * line[centre + 1]) + line[right + 1];
            long b = line[left + 2] + (2L * line[centre + 2]) + line[right + 2];
            chroma[2 * cx] += (_ur * r) + (_ug * g) + (_ub * b);
            chroma[(2 * cx) + 1] += (_vr * r) + (_vg * g) + (_vb * b);
        }
    }

    private void WriteChroma(byte[] output, int cy, long[] chroma)
    {
        var shift = Shift + 2 + _chromaShiftY;
        var round = 1L << (shift - 1);
        var cw = ChromaWidth;
        var lumaSamples = _width * _height;
        var planeSamples = cw * ChromaHeight;
        var uStart = lumaSamples + (cy * cw);
        var vStart = lumaSamples + planeSamples + (cy * cw);
        if (_bits > 8)
        {
            var samples = MemoryMarshal.Cast<byte, ushort>(output.AsSpan());
            for (var cx = 0; cx < cw; cx++)
            {
                samples[uStart + cx] = (ushort)Math.Clamp(_cOffset + ((chroma[2 * cx] + round) >> shift), 0, _max);
                samples[vStart + cx] = (ushort)Math.Clamp(_cOffset + ((chroma[(2 * cx) + 1] + round) >> shift), 0, _max);
            }
        }
        else
        {
            for (var cx = 0; cx < cw; cx++)
            {
                output[uStart + cx] = (byte)Math.Clamp(_cOffset + ((chroma[2 * cx] + round) >> shift), 0, _max);
                output[vStart + cx] = (byte)Math.Clamp(_cOffset + ((chroma[(2 * cx) + 1] + round) >> shift), 0, _max);
            }
        }
    }
}
