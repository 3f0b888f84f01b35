using System.Security.Cryptography;
using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Tests.Support;

/// <summary>Reading and comparing frames in tests, always with a tolerance (never byte-exact across encoders).</summary>
internal static class Pictures
{
    public static async Task<List<VideoFrame>> ReadAsync(IMediaServices media, string path, long first, int count, PixelSize? size = null)
    {
        var frames = new List<VideoFrame>();
        await foreach (var frame in media.ReadFramesAsync(path, first, count, size, FramePixelFormat.Rgb24, CancellationToken.None))
        {
            frames.Add(frame);
        }

        return frames;
    }

    public static async Task<VideoFrame> ReadOneAsync(IMediaServices media, string path, long index, PixelSize? size = null) =>
        (await ReadAsync(media, path, index, 1, size))[0];

    /// <summary>Mean absolute difference per channel, 0..255.</summary>
    public static double MeanDifference(VideoFrame a, VideoFrame b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        long sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        }

        return sum / (double)a.Pixels.Length;
    }

    /// <summary>Fails unless the mean absolute difference is below <paramref name="tolerance"/> (0..255 per channel).</summary>
    public static void AssertClose(VideoFrame expected, VideoFrame actual, double tolerance, string what)
    {
        var difference = MeanDifference(expected, actual);
        Assert.True(difference < tolerance, $"{what}: mean difference {difference:0.###} is not below {tolerance}");
    }

    /// <summary>Fails unless the mean absolute difference is above <paramref name="minimum"/>.</summary>
    public static void AssertDifferent(VideoFrame a, VideoFrame b, double minimum, string what)
    {
        var difference = MeanDifference(a, b);
        Assert.True(difference > minimum, $"{what}: mean difference {difference:0.###} is not above {minimum}");
    }

    /// <summary>Mean R, G, B, 0..255.</summary>
    public static (double R, double G, double B) MeanColour(VideoFrame frame)
    {
        long r = 0, g = 0, b = 0;
        for (var p = 0; p < frame.Pixels.Length; p += 3)
        {
            r += frame.Pixels[p];
            g += frame.Pixels[p + 1];
            b += frame.Pixels[p + 2];
        }

        var n = frame.Pixels.Length / 3.0;
        return (r / n, g / n, b / n);
    }

    /// <summary>
    /// The integer shift (dx, dy) with <c>to(x + dx, y + dy) ≈ from(x, y)</c>, by exhaustive search of the mean absolute
    /// luma difference over the central overlap (an independent check of the provider's own estimator).
    /// </summary>
    public static (int Dx, int Dy, double Cost) Shift(VideoFrame from, VideoFrame to, int range = 24, int verticalRange = 6)
    {
        var (w, h) = (from.Width, from.Height);
        var a = Luma(from);
        var b = Luma(to);
        var best = (Dx: 0, Dy: 0, Cost: double.MaxValue);
        var margin = range + 2;
        for (var dy = -verticalRange; dy <= verticalRange; dy++)
        {
            for (var dx = -range; dx <= range; dx++)
            {
                double sum = 0;
                var n = 0;
                for (var y = verticalRange + 2; y < h - verticalRange - 2; y += 2)
                {
                    for (var x = margin; x < w - margin; x += 2)
                    {
                        sum += Math.Abs(a[(y * w) + x] - b[((y + dy) * w) + x + dx]);
                        n++;
                    }
                }

                var cost = sum / n;
                if (cost < best.Cost)
                {
                    best = (dx, dy, cost);
                }
            }
        }

        return best;
    }

    public static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static double[] Luma(VideoFrame frame)
    {
        var luma = new double[frame.Width * frame.Height];
        for (var i = 0; i < luma.Length; i++)
        {
            var p = i * 3;
            luma[i] = (0.2126 * frame.Pixels[p]) + (0.7152 * frame.Pixels[p + 1]) + (0.0722 * frame.Pixels[p + 2]);
        }

        return luma;
    }
}
