using System.Buffers.Binary;
using System.IO.Compression;

namespace Editing.Media.Frames;

/// <summary>
/// Writes a <see cref="RawFrame"/> as a PNG image in managed code: 8-bit RGB for <see cref="RawPixelFormat.Rgb24"/>,
/// 16-bit RGB for <see cref="RawPixelFormat.Rgb48"/> (PNG stores samples big-endian). One IDAT chunk, rows unfiltered
/// (filter type 0), zlib at its fastest level: a frame already decoded need not go through ffmpeg again to become a
/// file. No colour chunks are written (ffmpeg's PNG encoder writes none for these formats either).
/// </summary>
/// <remarks>Written by hand: the SDK has zlib (<see cref="ZLibStream"/>) but no PNG encoder, and no package is used for one.</remarks>
internal static class PngFile
{
    private static readonly uint[] CrcTable = MakeCrcTable();

    /// <summary>Writes <paramref name="frame"/> to <paramref name="path"/> (a new file or a replaced one).</summary>
    public static void Write(string path, RawFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var sixteen = frame.Format == RawPixelFormat.Rgb48;
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, frame.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), frame.Height);
        header[8] = (byte)(sixteen ? 16 : 8); // bit depth
        header[9] = 2;                         // colour type: truecolour (RGB)
        // compression 0 (deflate), filter method 0, no interlace
        WriteChunk(file, "IHDR"u8, header);

        using var deflated = new MemoryStream(frame.Pixels.Length / 2);
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Fastest, leaveOpen: true))
        {
            var stride = frame.Stride;
            var row = new byte[stride + 1]; // filter type byte 0, then the row
            for (var y = 0; y < frame.Height; y++)
            {
                var source = frame.Pixels.AsSpan(y * stride, stride);
                if (sixteen)
                {
                    // Little-endian in memory, big-endian in PNG: swap the bytes of every sample.
                    var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(source);
                    var target = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(row.AsSpan(1, stride));
                    BinaryPrimitives.ReverseEndianness(samples, target);
                }
                else
                {
                    source.CopyTo(row.AsSpan(1));
                }
                zlib.Write(row);
            }
        }
        WriteChunk(file, "IDAT"u8, deflated.GetBuffer().AsSpan(0, (int)deflated.Length));
        WriteChunk(file, "IEND"u8, []);
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }

    /// <summary>The CRC-32 (ISO 3309, polynomial 0xEDB88320 reflected) register after <paramref name="data"/>.</summary>
    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
