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
    public sealed record Track(string Handler, uint Timescale, ulong Duration, uint SampleCount)
    {
        /// <summary>For an uncompressed PCM sound track: how its samples are stored and where (else null).</summary>
        public PcmLayout? Pcm { get; init; }
    }

    /// <summary>
    /// Where and how an uncompressed PCM sound track stores its audio frames (a "sample" of such a track is one frame:
    /// one value per channel): the sample description, the chunk table (<c>stsc</c> runs, <c>stco</c>/<c>co64</c>
    /// offsets) and whether its edit list leaves the media as it is.
    /// </summary>
    /// <param name="Channels">Channels per frame.</param>
    /// <param name="SampleRate">Frames per second.</param>
    /// <param name="BytesPerValue">Bytes of one channel's value: 2, 3, 4 (integer or float) or 8 (float).</param>
    /// <param name="Float">IEEE float values.</param>
    /// <param name="LittleEndian">Byte order of the values.</param>
    /// <param name="FirstChunks">For each <c>stsc</c> run, its first chunk (1-based).</param>
    /// <param name="FramesPerChunk">For each <c>stsc</c> run, the frames in each of its chunks.</param>
    /// <param name="ChunkOffsets">File offset of every chunk.</param>
    /// <param name="PlainTimeline">No edit list, or one that plays the media once from its start.</param>
    /// <param name="KnownLayout">No channel layout box, or one that names plain mono or stereo.</param>
    public sealed record PcmLayout(int Channels, int SampleRate, int BytesPerValue, bool Float, bool LittleEndian,
        uint[] FirstChunks, uint[] FramesPerChunk, long[] ChunkOffsets, bool PlainTimeline, bool KnownLayout)
    {
        /// <summary>Bytes of one frame.</summary>
        public int BytesPerFrame => Channels * BytesPerValue;
    }

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
            var track = new Track(handler, timescale, duration, BinaryPrimitives.ReadUInt32BigEndian(z.AsSpan(8)));
            if (handler == "soun")
            {
                track = track with { Pcm = Pcm(body, stbl!) };
            }
            tracks.Add(track);
        }
        return tracks;
    }

    /// <summary>The PCM layout of a sound track, or null when its first sample description is not uncompressed PCM
    /// this reader knows (<c>sowt</c>, <c>twos</c>, <c>in24</c>, <c>in32</c>, <c>fl32</c>, <c>fl64</c>).</summary>
    private static PcmLayout? Pcm(byte[] trak, byte[] stbl)
    {
        if (Child(stbl, "stsd") is not { Length: >= 8 + 36 } stsd || BinaryPrimitives.ReadUInt32BigEndian(stsd.AsSpan(4)) < 1)
        {
            return null;
        }
        var entry = stsd.AsSpan(8);
        var entrySize = (int)BinaryPrimitives.ReadUInt32BigEndian(entry);
        if (entrySize < 36 || entrySize > entry.Length)
        {
            return null;
        }
        entry = entry[..entrySize];
        var format = System.Text.Encoding.Latin1.GetString(entry.Slice(4, 4));
        var version = BinaryPrimitives.ReadUInt16BigEndian(entry[16..]);
        var channels = BinaryPrimitives.ReadUInt16BigEndian(entry[24..]);
        var bits = BinaryPrimitives.ReadUInt16BigEndian(entry[26..]);
        var rate = (int)(BinaryPrimitives.ReadUInt32BigEndian(entry[32..]) >> 16);
        var extensions = version switch
        {
            0 => 36,
            1 => 52,
            _ => -1,
        };
        if (extensions < 0 || extensions > entry.Length || channels is < 1 or > 8 || rate <= 0)
        {
            return null;
        }
        var children = Children(entry[extensions..]);
        // "enda" (directly or inside "wave") says little-endian for in24/in32/fl32/fl64, which default to big.
        var enda = children.FirstOrDefault(c => c.Type == "enda").Body
            ?? children.Where(c => c.Type == "wave").Select(c => Child(c.Body, "enda")).FirstOrDefault(b => b is not null);
        var little = enda is { Length: >= 2 } && BinaryPrimitives.ReadUInt16BigEndian(enda) == 1;
        (int Bytes, bool Float, bool Little)? sampleFormat = format switch
        {
            "sowt" when bits == 16 => (2, false, true),
            "twos" when bits == 16 => (2, false, false),
            "in24" => (3, false, little),
            "in32" => (4, false, little),
            "fl32" => (4, true, little),
            "fl64" => (8, true, little),
            _ => null,
        };
        if (sampleFormat is not { } f)
        {
            return null;
        }
        var chan = children.FirstOrDefault(c => c.Type == "chan").Body;
        // Layout tags: kAudioChannelLayoutTag_Mono (100 << 16 | 1) and _Stereo (101 << 16 | 2).
        var knownLayout = chan is null
            || (chan.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(chan.AsSpan(4)) is (100u << 16 | 1) or (101u << 16 | 2));

        if (Child(stbl, "stsc") is not { Length: >= 8 } stsc)
        {
            return null;
        }
        var runs = (int)BinaryPrimitives.ReadUInt32BigEndian(stsc.AsSpan(4));
        if (runs < 1 || stsc.Length < 8 + (12L * runs))
        {
            return null;
        }
        var firstChunks = new uint[runs];
        var framesPerChunk = new uint[runs];
        for (var i = 0; i < runs; i++)
        {
            firstChunks[i] = BinaryPrimitives.ReadUInt32BigEndian(stsc.AsSpan(8 + (12 * i)));
            framesPerChunk[i] = BinaryPrimitives.ReadUInt32BigEndian(stsc.AsSpan(12 + (12 * i)));
        }
        long[] offsets;
        if (Child(stbl, "stco") is { Length: >= 8 } stco)
        {
            var n = (int)BinaryPrimitives.ReadUInt32BigEndian(stco.AsSpan(4));
            if (stco.Length < 8 + (4L * n))
            {
                return null;
            }
            offsets = new long[n];
            for (var i = 0; i < n; i++)
            {
                offsets[i] = BinaryPrimitives.ReadUInt32BigEndian(stco.AsSpan(8 + (4 * i)));
            }
        }
        else if (Child(stbl, "co64") is { Length: >= 8 } co64)
        {
            var n = (int)BinaryPrimitives.ReadUInt32BigEndian(co64.AsSpan(4));
            if (co64.Length < 8 + (8L * n))
            {
                return null;
            }
            offsets = new long[n];
            for (var i = 0; i < n; i++)
            {
                offsets[i] = (long)BinaryPrimitives.ReadUInt64BigEndian(co64.AsSpan(8 + (8 * i)));
            }
        }
        else
        {
            return null;
        }
        return new PcmLayout(channels, rate, f.Bytes, f.Float, f.Little, firstChunks, framesPerChunk, offsets, PlainTimeline(trak), knownLayout);
    }

    /// <summary>No <c>elst</c>, or a single edit that plays the media from time 0 at normal speed.</summary>
    private static bool PlainTimeline(byte[] trak)
    {
        if (Child(trak, "edts") is not { } edts || Child(edts, "elst") is not { } elst)
        {
            return true;
        }
        if (elst.Length < 8)
        {
            return false;
        }
        var version = elst[0];
        var count = BinaryPrimitives.ReadUInt32BigEndian(elst.AsSpan(4));
        if (count != 1)
        {
            return false;
        }
        var entry = elst.AsSpan(8);
        long mediaTime;
        int rateOffset;
        if (version == 1)
        {
            if (entry.Length < 20)
            {
                return false;
            }
            mediaTime = BinaryPrimitives.ReadInt64BigEndian(entry[8..]);
            rateOffset = 16;
        }
        else
        {
            if (entry.Length < 12)
            {
                return false;
            }
            mediaTime = BinaryPrimitives.ReadInt32BigEndian(entry[4..]);
            rateOffset = 8;
        }
        return mediaTime == 0 && BinaryPrimitives.ReadInt16BigEndian(entry[rateOffset..]) == 1;
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
