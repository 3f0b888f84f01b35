using System.Numerics;
using System.Runtime.InteropServices;
using Editing.Sdk.Media;

namespace Editing.Host.Media;

/// <summary>
/// Resizes packed RGB frames with a separable Lanczos-3 filter (the kernel widened when shrinking, so it also
/// anti-aliases). Rows are independent, so the work runs in parallel and the result does not depend on the number of
/// threads.
/// </summary>
internal static class LanczosScaler
{
    private const int Lobes = 3;

    public static VideoFrame Scale(VideoFrame source, PixelSize size)
    {
        if (source.Width == size.Width && source.Height == size.Height)
        {
            return source;
        }

        var horizontal = Weights(source.Width, size.Width);
        var vertical = Weights(source.Height, size.Height);
        var max = source.Format == FramePixelFormat.Rgb48 ? 65535f : 255f;
        var target = VideoFrame.Create(size.Width, size.Height, source.Format);

        // Pass 1: every source row resampled horizontally into floats (source height × target width × 3).
        var middle = new float[(long)source.Height * size.Width * 3];
        var sourceStride = source.Width * 3;
        var middleStride = size.Width * 3;
        Parallel.For(0, source.Height, y =>
        {
            var row = middle.AsSpan(y * middleStride, middleStride);
            if (source.Format == FramePixelFormat.Rgb48)
            {
                var input = MemoryMarshal.Cast<byte, ushort>(source.Pixels.AsSpan()).Slice(y * sourceStride, sourceStride);
                Resample(input, row, horizontal);
            }
            else
            {
                Resample((ReadOnlySpan<byte>)source.Pixels.AsSpan(y * sourceStride, sourceStride), row, horizontal);
            }
        });

        // Pass 2: columns, written straight to the target rows.
        Parallel.For(0, size.Height, () => new float[middleStride], (y, _, accumulator) =>
        {
            var (start, taps) = vertical.Spans[y];
            var sum = accumulator.AsSpan();
            sum.Clear();
            for (var t = 0; t < taps.Length; t++)
            {
                AddScaled(sum, middle.AsSpan((start + t) * middleStride, middleStride), taps[t]);
            }

            if (target.Format == FramePixelFormat.Rgb48)
            {
                var output = MemoryMarshal.Cast<byte, ushort>(target.Pixels.AsSpan()).Slice(y * middleStride, middleStride);
                for (var i = 0; i < output.Length; i++)
                {
                    output[i] = (ushort)Math.Clamp(sum[i] + 0.5f, 0f, max);
                }
            }
            else
            {
                var output = target.Pixels.AsSpan(y * middleStride, middleStride);
                for (var i = 0; i < output.Length; i++)
                {
                    output[i] = (byte)Math.Clamp(sum[i] + 0.5f, 0f, max);
                }
            }

            return accumulator;
        }, static _ => { });
        return target;
    }

    /// <summary><paramref name="sum"/> += <paramref name="row"/> × <paramref name="weight"/>, a SIMD vector at a time.</summary>
    private static void AddScaled(Span<float> sum, ReadOnlySpan<float> row, float weight)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = new Vector<float>(weight);
            for (; i <= sum.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(sum[i..]) + (new Vector<float>(row[i..]) * w)).CopyTo(sum[i..]);
            }
        }

        for (; i < sum.Length; i++)
        {
            sum[i] += row[i] * weight;
        }
    }

    private static void Resample(ReadOnlySpan<ushort> input, Span<float> output, Kernel kernel)
    {
        for (var x = 0; x < kernel.Spans.Length; x++)
        {
            var (start, taps) = kernel.Spans[x];
            float r = 0, g = 0, b = 0;
            var p = start * 3;
            for (var t = 0; t < taps.Length; t++, p += 3)
            {
                var w = taps[t];
                r += input[p] * w;
                g += input[p + 1] * w;
                b += input[p + 2] * w;
            }

            output[x * 3] = r;
            output[(x * 3) + 1] = g;
            output[(x * 3) + 2] = b;
        }
    }

    private static void Resample(ReadOnlySpan<byte> input, Span<float> output, Kernel kernel)
    {
        for (var x = 0; x < kernel.Spans.Length; x++)
        {
            var (start, taps) = kernel.Spans[x];
            float r = 0, g = 0, b = 0;
            var p = start * 3;
            for (var t = 0; t < taps.Length; t++, p += 3)
            {
                var w = taps[t];
                r += input[p] * w;
                g += input[p + 1] * w;
                b += input[p + 2] * w;
            }

            output[x * 3] = r;
            output[(x * 3) + 1] = g;
            output[(x * 3) + 2] = b;
        }
    }

    /// <summary>
    /// For each target position: the first source index and the normalized weights of the contiguous source samples it
    /// reads (edges clamped by folding the weights of samples outside onto the nearest edge sample).
    /// </summary>
    private static Kernel Weights(int sourceLength, int targetLength)
    {
        var ratio = (double)sourceLength / targetLength;
        var widen = Math.Max(1.0, ratio);
        var support = Lobes * widen;
        var spans = new (int Start, float[] Taps)[targetLength];
        for (var i = 0; i < targetLength; i++)
        {
            var center = ((i + 0.5) * ratio) - 0.5;
            var first = (int)Math.Floor(center - support) + 1;
            var last = (int)Math.Ceiling(center + support) - 1;
            var start = Math.Clamp(first, 0, sourceLength - 1);
            var end = Math.Clamp(last, 0, sourceLength - 1);
            var taps = new double[end - start + 1];
            double total = 0;
            for (var j = first; j <= last; j++)
            {
                var w = Lanczos((j - center) / widen);
                taps[Math.Clamp(j, start, end) - start] += w;
                total += w;
            }

            var normalized = new float[taps.Length];
            for (var t = 0; t < taps.Length; t++)
            {
                normalized[t] = (float)(taps[t] / total);
            }

            spans[i] = (start, normalized);
        }

        return new Kernel(spans);
    }

    private static double Lanczos(double x)
    {
        if (x == 0)
        {
            return 1;
        }

        if (Math.Abs(x) >= Lobes)
        {
            return 0;
        }

        var px = Math.PI * x;
        return Lobes * Math.Sin(px) * Math.Sin(px / Lobes) / (px * px);
    }

    private sealed record Kernel((int Start, float[] Taps)[] Spans);
}
