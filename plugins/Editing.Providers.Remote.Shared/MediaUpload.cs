using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;
using Editing.Sdk.Media;

namespace Editing.Providers.Remote;

/// <summary>
/// Conditioning images for vendors: the host's edge frames are 16-bit PNGs at the timeline's size, larger than vendor
/// limits allow, so they are first scaled to the generation size and written as 8-bit PNG
/// (<see cref="PrepareStillAsync"/>); then sent inline as base64 or a data URI, or as a multipart file upload.
/// </summary>
internal static class MediaUpload
{
    /// <summary>
    /// <paramref name="path"/> (an image, or a video's first frame) scaled to <paramref name="size"/> as an 8-bit RGB PNG
    /// in <paramref name="scratch"/>.
    /// </summary>
    public static async Task<string> PrepareStillAsync(IMediaServices media, string path, PixelSize size, string scratch, string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        if (!File.Exists(path))
        {
            throw new RemoteProviderException(RemoteFailure.BadRequest, $"the conditioning image {path} does not exist");
        }

        VideoFrame? still = null;
        await foreach (var frame in media.ReadFramesAsync(path, 0, 1, size, FramePixelFormat.Rgb24, cancellationToken).ConfigureAwait(false))
        {
            still = frame;
            break;
        }

        if (still is null)
        {
            throw new RemoteProviderException(RemoteFailure.BadRequest, $"the conditioning image {path} has no frame");
        }

        Directory.CreateDirectory(scratch);
        var output = Path.Combine(scratch, $"{name}-{size.Width}x{size.Height}.png");
        var part = output + $".part-{Guid.NewGuid():N}";
        await File.WriteAllBytesAsync(part, EncodePng(still), cancellationToken).ConfigureAwait(false);
        File.Move(part, output, overwrite: true);
        return output;
    }

    /// <summary>The MIME type of an image by its first bytes (PNG, JPEG, WebP), else by extension.</summary>
    public static string MimeTypeOf(string path)
    {
        Span<byte> head = stackalloc byte[12];
        int n;
        using (var f = File.OpenRead(path))
        {
            n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (n >= 8 && head[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (n >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (n >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".webp" => "image/webp",
            ".mp4" => "video/mp4",
            ".mov" => "video/quicktime",
            _ => "application/octet-stream",
        };
    }

    /// <summary>The file as base64 with its MIME type; fails naming the file when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<(string Base64, string MimeType)> Base64Async(string path, long maxBytes, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        if (length > maxBytes)
        {
            throw new RemoteProviderException(RemoteFailure.BadRequest,
                $"{Path.GetFileName(path)} is {length} bytes; the vendor takes at most {maxBytes} bytes inline");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return (Convert.ToBase64String(bytes), MimeTypeOf(path));
    }

    /// <summary><c>data:image/png;base64,…</c>, refusing files over <paramref name="maxBytes"/>.</summary>
    public static async Task<string> DataUriAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        var (data, mime) = await Base64Async(path, maxBytes, cancellationToken).ConfigureAwait(false);
        return $"data:{mime};base64,{data}";
    }

    /// <summary>A multipart form with the file under <paramref name="field"/> and the other <paramref name="fields"/>.</summary>
    public static MultipartFormDataContent Multipart(string path, string field, IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(v), k);
        }

        var file = new ByteArrayContent(File.ReadAllBytes(path));
        file.Headers.ContentType = new MediaTypeHeaderValue(MimeTypeOf(path));
        form.Add(file, field, Path.GetFileName(path));
        return form;
    }

    /// <summary>An 8-bit RGB PNG of <paramref name="frame"/> (Sub filter, zlib).</summary>
    public static byte[] EncodePng(VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Format != FramePixelFormat.Rgb24)
        {
            throw new ArgumentException("only 8-bit RGB frames are encoded", nameof(frame));
        }

        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, frame.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), frame.Height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        WriteChunk(output, "IHDR"u8, header);

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var stride = frame.Stride;
            var line = new byte[stride + 1];
            for (var y = 0; y < frame.Height; y++)
            {
                var row = frame.Pixels.AsSpan(y * stride, stride);
                line[0] = 1; // Sub: each byte minus the same channel of the pixel to its left
                for (var x = 0; x < stride; x++)
                {
                    line[x + 1] = (byte)(row[x] - (x >= 3 ? row[x - 3] : 0));
                }

                z.Write(line);
            }
        }

        WriteChunk(output, "IDAT"u8, compressed.ToArray());
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = Crc32(Crc32(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
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

    private static uint Crc32(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }
}
