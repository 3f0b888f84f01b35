using Editing.Sdk.Media;

namespace Editing.Tools.Tests.Support;

/// <summary>Tolerant pixel comparisons: frames are compared by mean absolute difference, never byte for byte.</summary>
public static class Pixels
{
    /// <summary>Frame <paramref name="index"/> of a file (or a still) as 8-bit RGB at the plate's size.</summary>
    public static async Task<VideoFrame> ReadAsync(IMediaServices media, string path, long index)
    {
        await foreach (var frame in media.ReadFramesAsync(path, index, 1, TestMedia.Size, FramePixelFormat.Rgb24, CancellationToken.None))
        {
            return frame;
        }

        throw new InvalidOperationException($"{path} has no frame {index}");
    }

    /// <summary>Mean absolute difference per channel, 0..255.</summary>
    public static double MeanDifference(VideoFrame a, VideoFrame b)
    {
        Assert.Equal(a.Pixels.Length, b.Pixels.Length);
        long sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        }

        return sum / (double)a.Pixels.Length;
    }

    /// <summary>Mean absolute difference between frame <paramref name="index"/> of <paramref name="path"/> and plate
    /// frame <paramref name="plateFrame"/>.</summary>
    public static async Task<double> DifferenceToPlateAsync(TestMedia plate, string path, long index, int plateFrame) =>
        MeanDifference(await ReadAsync(plate.Media, path, index), plate.Decoded[plateFrame]);

    /// <summary>Mean absolute difference between frame <paramref name="ia"/> of <paramref name="a"/> and frame
    /// <paramref name="ib"/> of <paramref name="b"/>.</summary>
    public static async Task<double> DifferenceAsync(IMediaServices media, string a, long ia, string b, long ib) =>
        MeanDifference(await ReadAsync(media, a, ia), await ReadAsync(media, b, ib));
}
