using System.Runtime.InteropServices;
using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Pixels;

/// <summary>16-bit frames as channel values: packed R G B <see cref="ushort"/>s, little-endian as the SDK specifies
/// (the machine's own order on every platform .NET runs this on).</summary>
internal static class Rgb48
{
    public const float Max = 65535f;

    public static Span<ushort> Values(VideoFrame frame)
    {
        if (frame.Format != FramePixelFormat.Rgb48)
        {
            throw new ArgumentException($"expected an Rgb48 frame, got {frame.Format}", nameof(frame));
        }

        return MemoryMarshal.Cast<byte, ushort>(frame.Pixels.AsSpan());
    }

    public static VideoFrame Create(int width, int height) => VideoFrame.Create(width, height, FramePixelFormat.Rgb48);

    /// <summary>Two frames of the same size to alternate between (see <c>PrevisJob.EncodeAsync</c>).</summary>
    public static VideoFrame[] Pair(int width, int height) => [Create(width, height), Create(width, height)];

    public static ushort Clamp(float value) => (ushort)Math.Clamp(value + 0.5f, 0f, Max);
}
