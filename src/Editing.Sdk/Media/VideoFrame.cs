namespace Editing.Sdk.Media;

/// <summary>
/// One decoded frame as packed RGB pixels (no padding between rows: stride = width × bytes per pixel). The pixel
/// buffer is owned by the frame; a reader may hand out a new buffer for each frame.
/// </summary>
public sealed class VideoFrame
{
    /// <summary>Wraps a pixel buffer.</summary>
    /// <exception cref="ArgumentException">The buffer length does not match width × height × bytes per pixel.</exception>
    public VideoFrame(int width, int height, FramePixelFormat format, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        var expected = (long)width * height * BytesPerPixelOf(format);
        if (pixels.LongLength != expected)
        {
            throw new ArgumentException($"a {width}x{height} {format} frame needs {expected} bytes, got {pixels.LongLength}", nameof(pixels));
        }

        Width = width;
        Height = height;
        Format = format;
        Pixels = pixels;
    }

    /// <summary>Creates a black frame.</summary>
    public static VideoFrame Create(int width, int height, FramePixelFormat format) =>
        new(width, height, format, new byte[(long)width * height * BytesPerPixelOf(format)]);

    /// <summary>Pixels across.</summary>
    public int Width { get; }

    /// <summary>Pixels down.</summary>
    public int Height { get; }

    /// <summary>Pixel layout.</summary>
    public FramePixelFormat Format { get; }

    /// <summary>Packed pixels, top row first.</summary>
    public byte[] Pixels { get; }

    /// <summary>Bytes per pixel for the format (3 or 6).</summary>
    public int BytesPerPixel => BytesPerPixelOf(Format);

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * BytesPerPixel;

    /// <summary>Bytes per pixel of <paramref name="format"/>.</summary>
    public static int BytesPerPixelOf(FramePixelFormat format) => format == FramePixelFormat.Rgb48 ? 6 : 3;
}
