using System.Runtime.InteropServices;
using Editing.Media.Frames;
using Editing.Media.Tests.Support;
using Editing.Media.Transcoding;

namespace Editing.Media.Tests.Transcoding;

public sealed class YuvConverterTests(TestFolder folder) : IClassFixture<TestFolder>
{
    /// <summary>BT.709 limited range, 10-bit: Y = 64 + 876·Y', Cb/Cr = 512 + 896·(B−Y', R−Y')/scale.</summary>
    [Theory]
    [InlineData(65535, 65535, 65535, 940, 512, 512)]
    [InlineData(0, 0, 0, 64, 512, 512)]
    [InlineData(65535, 0, 0, 250, 409, 960)]
    [InlineData(0, 65535, 0, 691, 167, 105)]
    [InlineData(0, 0, 65535, 127, 960, 471)]
    [InlineData(32768, 32768, 32768, 502, 512, 512)]
    public void Solid_colours_get_the_bt709_limited_range_10_bit_values(int r, int g, int b, int y, int cb, int cr)
    {
        var converter = YuvConverter.For("yuv422p10le", new FrameSize(8, 2), RawPixelFormat.Rgb48)!;

        var planes = Convert10(converter, RawFrame.Solid(8, 2, RawPixelFormat.Rgb48, r, g, b));

        Assert.Equal(16 + 8 + 8, planes.Length);
        Assert.All(planes[..16], v => Assert.InRange(v, y - 1, y + 1));
        Assert.All(planes[16..24], v => Assert.InRange(v, cb - 1, cb + 1));
        Assert.All(planes[24..], v => Assert.InRange(v, cr - 1, cr + 1));
    }

    [Fact]
    public void Eight_bit_formats_and_rgb24_input_give_the_8_bit_values()
    {
        var red = RawFrame.Solid(4, 4, RawPixelFormat.Rgb24, 255, 0, 0);
        foreach (var (format, chroma) in new[] { ("yuv422p", 2 * 4), ("yuv420p", 2 * 2), ("yuv444p", 4 * 4) })
        {
            var converter = YuvConverter.For(format, new FrameSize(4, 4), RawPixelFormat.Rgb24)!;
            var output = new byte[converter.OutputBytes];

            converter.Convert(red.Pixels, output);

            Assert.Equal(format, converter.PixelFormat);
            Assert.Equal(16 + (2 * chroma), output.Length);
            Assert.All(output[..16], v => Assert.Equal(63, v));
            Assert.All(output[16..(16 + chroma)], v => Assert.Equal(102, v));
            Assert.All(output[(16 + chroma)..], v => Assert.Equal(240, v));
        }
    }

    [Fact]
    public void Rgb24_input_converts_as_the_same_values_widened_to_16_bits()
    {
        var narrow = Gradient(64, 32, RawPixelFormat.Rgb24);
        var wide = Gradient(64, 32, RawPixelFormat.Rgb48);

        var a = Convert10(YuvConverter.For("yuv422p10le", new FrameSize(64, 32), RawPixelFormat.Rgb24)!, narrow);
        var b = Convert10(YuvConverter.For("yuv422p10le", new FrameSize(64, 32), RawPixelFormat.Rgb48)!, wide);

        Assert.Equal(a, b);
    }

    [Fact]
    public void A_gradient_matches_ffmpegs_own_conversion()
    {
        const int width = 256, height = 64;
        var frame = Gradient(width, height, RawPixelFormat.Rgb48);
        var raw = folder.Path("gradient.rgb48");
        File.WriteAllBytes(raw, frame.Pixels);
        var theirs = MemoryMarshal.Cast<byte, ushort>(Ffmpeg.RunBytes(
            "-f", "rawvideo", "-pix_fmt", "rgb48le", "-s", $"{width}x{height}", "-i", raw,
            "-vf", "scale=out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd+full_chroma_int,format=yuv422p10le",
            "-f", "rawvideo", "pipe:1")).ToArray();

        var ours = Convert10(YuvConverter.For("yuv422p10le", new FrameSize(width, height), RawPixelFormat.Rgb48)!, frame);

        Assert.Equal(theirs.Length, ours.Length);
        var luma = width * height;
        // Ours is the formula rounded (fixed point: within 0.6); swscale's 16-bit RGB path is itself up to ~4 codes off it (1.7 on average).
        var ideal = Enumerable.Range(0, luma).Select(i =>
        {
            var (r, g, b) = frame.GetPixel(i % width, i / width);
            return 64 + (876 * ((0.2126 * r) + (0.7152 * g) + (0.0722 * b)) / 65535);
        }).ToArray();
        Assert.All(Enumerable.Range(0, luma), i => Assert.Equal(ideal[i], ours[i], 0.6));
        var lumaDiff = Enumerable.Range(0, luma).Select(i => Math.Abs(ours[i] - theirs[i])).ToArray();
        Assert.True(lumaDiff.Max() <= 4 && lumaDiff.Average() < 2.5, $"luma differs from ffmpeg's by {lumaDiff.Average():F2} on average, {lumaDiff.Max()} at most");
        // Chroma: ffmpeg filters with its own taps; away from the edges both follow the same smooth ramps.
        var chromaDiff = Enumerable.Range(luma, ours.Length - luma).Where(i => (i - luma) % (width / 2) is > 2 and < (width / 2) - 3)
            .Select(i => Math.Abs(ours[i] - theirs[i])).ToArray();
        Assert.True(chromaDiff.Max() <= 4 && chromaDiff.Average() < 2.5, $"chroma differs from ffmpeg's by {chromaDiff.Average():F2} on average, {chromaDiff.Max()} at most");
    }

    [Fact]
    public void Large_frames_convert_the_same_in_parallel_bands_as_row_by_row()
    {
        var big = Gradient(1280, 720, RawPixelFormat.Rgb48);
        var converter = YuvConverter.For("yuv422p10le", new FrameSize(1280, 720), RawPixelFormat.Rgb48)!;
        var first = new byte[converter.OutputBytes];
        var second = new byte[converter.OutputBytes];

        converter.Convert(big.Pixels, first);
        converter.Convert(big.Pixels, second);

        Assert.Equal(first, second);
        // Row 700's luma equals a small frame's converted row with the same pixels.
        var small = YuvConverter.For("yuv422p10le", new FrameSize(1280, 2), RawPixelFormat.Rgb48)!;
        var rows = new byte[small.OutputBytes];
        small.Convert(big.Pixels.AsSpan(700 * 1280 * 6, 2 * 1280 * 6).ToArray(), rows);
        Assert.Equal(first.AsSpan(700 * 1280 * 2, 1280 * 2).ToArray(), rows.AsSpan(0, 1280 * 2).ToArray());
    }

    [Theory]
    [InlineData(1920, 4)]
    [InlineData(1282, 3)]
    [InlineData(14, 2)]
    [InlineData(6, 2)]
    public void The_simd_path_gives_the_same_bytes_as_the_scalar_path(int width, int height)
    {
        var frame = Gradient(width, height, RawPixelFormat.Rgb48);
        for (var i = 0; i < frame.Pixels.Length; i += 7)
        {
            frame.Pixels[i] ^= (byte)(i * 31);
        }
        var converter = YuvConverter.For("yuv422p10le", new FrameSize(width, height), RawPixelFormat.Rgb48)!;
        var vector = new byte[converter.OutputBytes];
        var scalar = new byte[converter.OutputBytes];

        converter.Convert(frame.Pixels, vector);
        converter.UseVectors = false;
        converter.Convert(frame.Pixels, scalar);

        Assert.Equal(scalar, vector);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(14)]
    [InlineData(16)]
    [InlineData(18)]
    [InlineData(30)]
    [InlineData(32)]
    [InlineData(62)]
    [InlineData(1922)]
    public void The_avx2_path_gives_the_same_bytes_as_the_vector128_and_scalar_paths(int width)
    {
        for (var height = 1; height <= 3; height++)
        {
            foreach (var extremes in new[] { false, true })
            {
                var pixels = RandomRgb48(width, height, seed: (width * 8) + (height * 2) + (extremes ? 1 : 0), extremes);

                var (avx2, vector128, scalar) = ConvertAllPaths(width, height, pixels);

                Assert.Equal(scalar, vector128);
                Assert.Equal(scalar, avx2);
            }
        }
    }

    [Fact]
    public void A_random_1080p_frame_gives_the_same_bytes_on_every_path()
    {
        var pixels = RandomRgb48(1920, 1080, seed: 1080, extremes: false);

        var (avx2, vector128, scalar) = ConvertAllPaths(1920, 1080, pixels);

        Assert.Equal(scalar, vector128);
        Assert.Equal(scalar, avx2);
    }

    [Fact]
    public void Formats_it_does_not_write_and_sizes_that_do_not_subsample_get_no_converter()
    {
        Assert.Null(YuvConverter.For("gbrp10le", new FrameSize(8, 8), RawPixelFormat.Rgb48));
        Assert.Null(YuvConverter.For("yuv999p", new FrameSize(8, 8), RawPixelFormat.Rgb48));
        Assert.Null(YuvConverter.For("yuv422p10le", new FrameSize(7, 8), RawPixelFormat.Rgb48));
        Assert.Null(YuvConverter.For("yuv420p", new FrameSize(8, 7), RawPixelFormat.Rgb48));
        Assert.NotNull(YuvConverter.For("yuv444p10le", new FrameSize(7, 7), RawPixelFormat.Rgb48));
    }

    private static ushort[] Convert10(YuvConverter converter, RawFrame frame)
    {
        var output = new byte[converter.OutputBytes];
        converter.Convert(frame.Pixels, output);
        return MemoryMarshal.Cast<byte, ushort>(output).ToArray();
    }

    /// <summary>
    /// One rgb48 frame converted to yuv422p10le with the AVX2 path (where the CPU has it), the Vector128 path and
    /// the scalar loop.
    /// </summary>
    private static (byte[] Avx2, byte[] Vector128, byte[] Scalar) ConvertAllPaths(int width, int height, byte[] pixels)
    {
        var converter = YuvConverter.For("yuv422p10le", new FrameSize(width, height), RawPixelFormat.Rgb48)!;
        var avx2 = new byte[converter.OutputBytes];
        var vector128 = new byte[converter.OutputBytes];
        var scalar = new byte[converter.OutputBytes];

        converter.Convert(pixels, avx2);
        converter.UseVector256 = false;
        converter.Convert(pixels, vector128);
        converter.UseVectors = false;
        converter.Convert(pixels, scalar);
        return (avx2, vector128, scalar);
    }

    /// <summary>
    /// Seeded random 16-bit samples; with <paramref name="extremes"/> most are 0, 65535, 32767 or 32768 (the
    /// limits of the arithmetic and the sign flip of the AVX2 path).
    /// </summary>
    private static byte[] RandomRgb48(int width, int height, int seed, bool extremes)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 6];
        random.NextBytes(pixels);
        if (extremes)
        {
            var samples = MemoryMarshal.Cast<byte, ushort>(pixels.AsSpan());
            ushort[] limits = [0, 65535, 32767, 32768];
            for (var i = 0; i < samples.Length; i++)
            {
                var pick = random.Next(5);
                if (pick < limits.Length)
                {
                    samples[i] = limits[pick];
                }
            }
        }
        return pixels;
    }

    /// <summary>Red ramps across, green down, blue across the other way.</summary>
    private static RawFrame Gradient(int width, int height, RawPixelFormat format)
    {
        var max = format == RawPixelFormat.Rgb24 ? 255 : 65535;
        var frame = new RawFrame(width, height, format, new byte[width * height * (format == RawPixelFormat.Rgb24 ? 3 : 6)]);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // Multiples of 257 in 16 bits, so the 8-bit frame holds the same values.
                var r = x * 255 / (width - 1);
                var g = y * 255 / (height - 1);
                var b = 255 - r;
                var scale = max / 255;
                frame.SetPixel(x, y, r * scale, g * scale, b * scale);
            }
        }
        return frame;
    }
}
