using System.Buffers.Binary;

namespace Editing.Media.Frames;

/// <summary>
/// One picture as packed RGB bytes, top row first. <see cref="Stride"/> is always
/// <see cref="Width"/> × <see cref="BytesPerPixel"/> (rows are contiguous, as ffmpeg's rawvideo).
/// </summary>
public sealed class RawFrame
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied) as a frame.</summary>
    /// <exception cref="ArgumentException">The buffer length is not width × height × bytes per pixel.</exception>
    public RawFrame(int width, int height, RawPixelFormat format, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        var expected = (long)width * height * BytesPer(format);
        if (pixels.LongLength != expected)
        {
            throw new ArgumentException($"A {width}x{height} {format} frame needs {expected} bytes, got {pixels.LongLength}.", nameof(pixels));
        }
        Width = width;
        Height = height;
        Format = format;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The layout of <see cref="Pixels"/>.</summary>
    public RawPixelFormat Format { get; }

    /// <summary>The pixel bytes, row after row.</summary>
    public byte[] Pixels { get; }

    /// <summary>Bytes per pixel: 3 for <see cref="RawPixelFormat.Rgb24"/>, 6 for <see cref="RawPixelFormat.Rgb48"/>.</summary>
    public int BytesPerPixel => BytesPer(Format);

    /// <summary>Bytes from one row to the next.</summary>
    public int Stride => Width * BytesPerPixel;

    /// <summary>The largest channel value: 255 or 65535.</summary>
    public int MaxValue => Format == RawPixelFormat.Rgb24 ? 255 : 65535;

    /// <summary>The frame size.</summary>
    public FrameSize Size => new(Width, Height);

    /// <summary>A new frame of one colour; channel values are 0..<see cref="MaxValue"/>.</summary>
    public static RawFrame Solid(int width, int height, RawPixelFormat format, int r, int g, int b)
    {
        var frame = new RawFrame(width, height, format, new byte[(long)width * height * BytesPer(format)]);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                frame.SetPixel(x, y, r, g, b);
            }
        }
        return frame;
    }

    /// <summary>The channel values at (<paramref name="x"/>, <paramref name="y"/>), 0..<see cref="MaxValue"/>.</summary>
    public (int R, int G, int B) GetPixel(int x, int y)
    {
        var offset = Offset(x, y);
        if (Format == RawPixelFormat.Rgb24)
        {
            return (Pixels[offset], Pixels[offset + 1], Pixels[offset + 2]);
        }
        var span = Pixels.AsSpan(offset, 6);
        return (BinaryPrimitives.ReadUInt16LittleEndian(span), BinaryPrimitives.ReadUInt16LittleEndian(span[2..]), BinaryPrimitives.ReadUInt16LittleEndian(span[4..]));
    }

    /// <summary>Sets the channel values at (<paramref name="x"/>, <paramref name="y"/>), each 0..<see cref="MaxValue"/>.</summary>
    public void SetPixel(int x, int y, int r, int g, int b)
    {
        var max = MaxValue;
        if ((uint)r > max || (uint)g > max || (uint)b > max)
        {
            throw new ArgumentOutOfRangeException(nameof(r), $"Channel values must be 0..{max}.");
        }
        var offset = Offset(x, y);
        if (Format == RawPixelFormat.Rgb24)
        {
            Pixels[offset] = (byte)r;
            Pixels[offset + 1] = (byte)g;
            Pixels[offset + 2] = (byte)b;
            return;
        }
        var span = Pixels.AsSpan(offset, 6);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)r);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)g);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], (ushort)b);
    }

    internal static int BytesPer(RawPixelFormat format) => format switch
    {
        RawPixelFormat.Rgb24 => 3,
        RawPixelFormat.Rgb48 => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };

    internal static string FfmpegName(RawPixelFormat format) => format switch
    {
        RawPixelFormat.Rgb24 => "rgb24",
        RawPixelFormat.Rgb48 => "rgb48le",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };

    private int Offset(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside the {Width}x{Height} frame.");
        }
        return (y * Width + x) * BytesPerPixel;
    }
}
