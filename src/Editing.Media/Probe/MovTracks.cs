using System.Buffers.Binary;

namespace Editing.Media.Probe;

/// <summary>
/// Reads the track tables of a QuickTime/MP4 file (<c>.mov</c>, <c>.mp4</c>) without running ffprobe: per track the
/// handler (<c>vide</c>, <c>soun</c>, <c>tmcd</c>…), the media timescale and duration (<c>mdhd</c>) and the sample
/// count (<c>stsz</c>). That is enough to check that a file just written holds the frames and audio samples asked
/// for: each video sample is a frame, and an audio track's duration in its own timescale (the sample rate) is its
/// sample count. Only the <c>moov</c> box is read; <c>mdat</c> is skipped by seeking.
/// </summary>
/// <remarks>Written by hand: no package for ISO base media files is used, and only these few boxes are needed.</remarks>
internal static class MovTracks
{
    /// <summary>One track's handler, timescale, duration (in that timescale) and sample count.</summary>
    public sealed record Track(string Handler, uint Timescale, ulong Duration, uint SampleCount);

    /// <summary>Boxes larger than this inside <c>moov</c> are not read into memory (a damaged or hostile size).</summary>
    private const long MaxMoovBytes = 64L << 20;

    /// <summary>The file's tracks in order, or null when it is not a QuickTime/MP4 file this reader understands.</summary>
    public static IReadOnlyList<Track>? Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12);
        Span<byte> header = stackalloc byte[16];
        long offset = 0;
        while (offset + 8 <= file.Length)
        {
            file.Position = offset;
            if (file.ReadAtLeast(header[..8], 8, throwOnEndOfStream: false) < 8)
            {
                return null;
            }
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = header.Slice(4, 4);
            var headerBytes = 8;
            if (size == 1)
            {
                if (file.ReadAtLeast(header.Slice(8, 8), 8, throwOnEndOfStream: false) < 8)
                {
                    return null;
                }
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
                headerBytes = 16;
            }
            else if (size == 0)
            {
                size = file.Length - offset;
            }
            if (size < headerBytes || offset + size > file.Length)
            {
                return null;
            }
            if (type.SequenceEqual("moov"u8))
            {
                if (size - headerBytes > MaxMoovBytes)
                {
                    return null;
                }
                var moov = new byte[size - headerBytes];
                file.ReadExactly(moov);
                return Tracks(moov);
            }
            offset += size;
        }
        return null;
    }

    private static List<Track>? Tracks(ReadOnlySpan<byte> moov)
    {
        var tracks = new List<Track>();
        foreach (var (type, body) in Children(moov))
        {
            if (type != "trak")
            {
                continue;
            }
            if (Child(body, "mdia") is not { } mdia)
            {
                return null;
            }
            var mdhd = Child(mdia, "mdhd");
            var hdlr = Child(mdia, "hdlr");
            var stbl = Child(mdia, "minf") is { } minf ? Child(minf, "stbl") : null;
            var stsz = stbl is { } s ? Child(s, "stsz") : null;
            if (mdhd is not { Length: >= 24 } m || hdlr is not { Length: >= 12 } h || stsz is not { Length: >= 12 } z)
            {
                return null;
            }
            // mdhd version 0: 32-bit times (timescale at 12, duration at 16); version 1: 64-bit (timescale at 20, duration at 24).
            var (timescale, duration) = m[0] == 1 && m.Length >= 32
                ? (BinaryPrimitives.ReadUInt32BigEndian(m.AsSpan(20)), BinaryPrimitives.ReadUInt64BigEndian(m.AsSpan(24)))
                : (BinaryPrimitives.ReadUInt32BigEndian(m.AsSpan(12)), BinaryPrimitives.ReadUInt32BigEndian(m.AsSpan(16)));
            var handler = System.Text.Encoding.Latin1.GetString(h, 8, 4);
            tracks.Add(new Track(handler, timescale, duration, BinaryPrimitives.ReadUInt32BigEndian(z.AsSpan(8))));
        }
        return tracks;
    }

    /// <summary>The body of the first child box of <paramref name="parent"/> of type <paramref name="type"/>.</summary>
    private static byte[]? Child(ReadOnlySpan<byte> parent, string type)
    {
        foreach (var (t, body) in Children(parent))
        {
            if (t == type)
            {
                return body;
            }
        }
        return null;
    }

    private static List<(string Type, byte[] Body)> Children(ReadOnlySpan<byte> parent)
    {
        var children = new List<(string, byte[])>();
        var offset = 0;
        while (offset + 8 <= parent.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(parent[offset..]);
            var headerBytes = 8;
            if (size == 1 && offset + 16 <= parent.Length)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(parent[(offset + 8)..]);
                headerBytes = 16;
            }
            else if (size == 0)
            {
                size = parent.Length - offset;
            }
            if (size < headerBytes || offset + size > parent.Length)
            {
                break;
            }
            var type = System.Text.Encoding.Latin1.GetString(parent.Slice(offset + 4, 4));
            children.Add((type, parent.Slice(offset + headerBytes, (int)size - headerBytes).ToArray()));
            offset += (int)size;
        }
        return children;
    }
}
