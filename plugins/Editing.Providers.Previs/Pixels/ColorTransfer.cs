using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Pixels;

/// <summary>
/// Reinhard colour transfer in BT.709 YCbCr: each channel of the source is shifted and scaled so that its mean and
/// standard deviation match the reference's. YCbCr is a linear transform of RGB, so the whole transfer (and its blend
/// with the original by an amount) is one 3×3 matrix plus an offset applied to every RGB pixel.
/// </summary>
internal sealed class ColorTransfer
{
    private const double Kr = 0.2126;
    private const double Kb = 0.0722;
    private const double Kg = 1 - Kr - Kb;

    private readonly float[] _matrix;

    private ColorTransfer(float[] matrix) => _matrix = matrix;

    /// <summary>Mean and deviation of Y, Cb, Cr (0..1 units) of a set of pixels.</summary>
    internal sealed class Statistics
    {
        private readonly double[] _sum = new double[3];
        private readonly double[] _squares = new double[3];
        private long _count;

        public double[] Mean => [.. _sum.Select(s => _count == 0 ? 0 : s / _count)];

        /// <summary>Statistics with the given mean and deviation per Y, Cb, Cr channel.</summary>
        public static Statistics FromMoments(double[] mean, double[] deviation)
        {
            var stats = new Statistics { _count = 1 };
            for (var c = 0; c < 3; c++)
            {
                stats._sum[c] = mean[c];
                stats._squares[c] = (deviation[c] * deviation[c]) + (mean[c] * mean[c]);
            }

            return stats;
        }

        /// <summary>
        /// A seeded grade of <paramref name="source"/> for restyles without a reference image: the look depends only on
        /// the seed and the prompt (FNV-1a, SplitMix64; never the process-randomised string hash), so variations differ
        /// by seed and repeat exactly. Exposure within ±0.05, contrast ×0.85..1.2, Cb/Cr shifts within ±0.06.
        /// </summary>
        public static Statistics Look(Statistics source, long seed, string prompt)
        {
            var state = 14695981039346656037UL;
            foreach (var b in System.Text.Encoding.UTF8.GetBytes(prompt))
            {
                state = (state ^ b) * 1099511628211UL;
            }

            state ^= (ulong)seed * 0x9E3779B97F4A7C15UL;
            double Next(double lo, double hi)
            {
                state += 0x9E3779B97F4A7C15UL;
                var z = state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                z ^= z >> 31;
                return lo + ((hi - lo) * (z >> 11) / (double)(1UL << 53));
            }

            var mean = source.Mean;
            var deviation = source.Deviation;
            mean[0] = Math.Clamp(mean[0] + Next(-0.05, 0.05), 0.05, 0.95);
            deviation[0] *= Next(0.85, 1.2);
            mean[1] += Next(-0.06, 0.06);
            mean[2] += Next(-0.06, 0.06);
            return FromMoments(mean, deviation);
        }

        public double[] Deviation => [.. Enumerable.Range(0, 3).Select(c =>
            _count == 0 ? 0 : Math.Sqrt(Math.Max(0, (_squares[c] / _count) - Math.Pow(_sum[c] / _count, 2))))];

        /// <summary>Adds every <paramref name="step"/>-th pixel of every <paramref name="step"/>-th row.</summary>
        public void Add(VideoFrame frame, int step)
        {
            var max = frame.Format == FramePixelFormat.Rgb48 ? 65535.0 : 255.0;
            var values = frame.Format == FramePixelFormat.Rgb48 ? null : frame.Pixels;
            var wide = frame.Format == FramePixelFormat.Rgb48 ? Rgb48.Values(frame) : default;
            for (var y = 0; y < frame.Height; y += step)
            {
                for (var x = 0; x < frame.Width; x += step)
                {
                    var p = ((y * frame.Width) + x) * 3;
                    double r, g, b;
                    if (values is null)
                    {
                        (r, g, b) = (wide[p] / max, wide[p + 1] / max, wide[p + 2] / max);
                    }
                    else
                    {
                        (r, g, b) = (values[p] / max, values[p + 1] / max, values[p + 2] / max);
                    }

                    var ycc = ToYcc(r, g, b);
                    for (var c = 0; c < 3; c++)
                    {
                        _sum[c] += ycc[c];
                        _squares[c] += ycc[c] * ycc[c];
                    }

                    _count++;
                }
            }
        }
    }

    /// <summary>
    /// The transfer taking <paramref name="source"/> statistics to <paramref name="reference"/>'s, blended with the
    /// identity by <paramref name="amount"/> (0 = unchanged, 1 = full transfer). Scale factors are kept within
    /// 0.2..5 so a flat source is not blown up.
    /// </summary>
    public static ColorTransfer Between(Statistics source, Statistics reference, double amount)
    {
        var (ms, ss, mr, sr) = (source.Mean, source.Deviation, reference.Mean, reference.Deviation);
        var scale = new double[3];
        for (var c = 0; c < 3; c++)
        {
            scale[c] = ss[c] < 1e-4 ? 1 : Math.Clamp(sr[c] / ss[c], 0.2, 5);
        }

        // RGB → YCbCr (M), scale per channel (S), back (M⁻¹): K = M⁻¹·S·M, offset = M⁻¹·(mr − S·ms).
        var m = YccMatrix();
        var inverse = RgbMatrix();
        var matrix = new float[12];
        for (var row = 0; row < 3; row++)
        {
            for (var col = 0; col < 3; col++)
            {
                double k = 0;
                for (var c = 0; c < 3; c++)
                {
                    k += inverse[row, c] * scale[c] * m[c, col];
                }

                var identity = row == col ? 1 : 0;
                matrix[(row * 4) + col] = (float)(identity + (amount * (k - identity)));
            }

            double offset = 0;
            for (var c = 0; c < 3; c++)
            {
                offset += inverse[row, c] * (mr[c] - (scale[c] * ms[c]));
            }

            matrix[(row * 4) + 3] = (float)(amount * offset * 65535);
        }

        return new ColorTransfer(matrix);
    }

    /// <summary><paramref name="target"/> = the transfer applied to <paramref name="source"/> (both 16-bit, same size).</summary>
    public void Apply(VideoFrame source, VideoFrame target)
    {
        var width = target.Width;
        var k = _matrix;
        Parallel.For(0, target.Height, y =>
        {
            var input = Rgb48.Values(source).Slice(y * width * 3, width * 3);
            var output = Rgb48.Values(target).Slice(y * width * 3, width * 3);
            for (var p = 0; p < input.Length; p += 3)
            {
                float r = input[p], g = input[p + 1], b = input[p + 2];
                output[p] = Rgb48.Clamp((k[0] * r) + (k[1] * g) + (k[2] * b) + k[3]);
                output[p + 1] = Rgb48.Clamp((k[4] * r) + (k[5] * g) + (k[6] * b) + k[7]);
                output[p + 2] = Rgb48.Clamp((k[8] * r) + (k[9] * g) + (k[10] * b) + k[11]);
            }
        });
    }

    private static double[] ToYcc(double r, double g, double b)
    {
        var y = (Kr * r) + (Kg * g) + (Kb * b);
        return [y, (b - y) / (2 * (1 - Kb)), (r - y) / (2 * (1 - Kr))];
    }

    private static double[,] YccMatrix() => new[,]
    {
        { Kr, Kg, Kb },
        { -Kr / (2 * (1 - Kb)), -Kg / (2 * (1 - Kb)), (1 - Kb) / (2 * (1 - Kb)) },
        { (1 - Kr) / (2 * (1 - Kr)), -Kg / (2 * (1 - Kr)), -Kb / (2 * (1 - Kr)) },
    };

    private static double[,] RgbMatrix() => new[,]
    {
        { 1, 0, 2 * (1 - Kr) },
        { 1, -2 * (1 - Kb) * Kb / Kg, -2 * (1 - Kr) * Kr / Kg },
        { 1, 2 * (1 - Kb), 0 },
    };
}
