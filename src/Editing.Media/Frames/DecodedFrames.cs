using Editing.Media.Probe;

namespace Editing.Media.Frames;

/// <summary>
/// A few frames decoded a moment ago, kept so the next read of the same frames does not decode them again: writing an
/// edge frame as a PNG decodes the frame before it too (<see cref="FrameExtractor.ExtractFrameAsync"/>), because what
/// asks for an edge frame (extending a shot) usually reads the two frames at the edge next, to estimate motion.
/// Frames are keyed by file (path, length, last-write time and identity, see <see cref="FileStamp"/>), index, size
/// and format; each is handed out once (the reader owns it) and the oldest go first beyond
/// <see cref="CapacityBytes"/>.
/// </summary>
internal static class DecodedFrames
{
    /// <summary>At most this many bytes of frames are kept (about 20 frames of 16-bit 1080p).</summary>
    public const long CapacityBytes = 256L << 20;

    private static readonly LinkedList<(Key Key, RawFrame Frame)> Entries = new();
    private static readonly Lock Gate = new();
    private static long _bytes;

    /// <summary>Keeps <paramref name="frames"/>, frames <paramref name="first"/>, <paramref name="first"/> + 1… of the file.</summary>
    public static void Keep(string fullPath, FileStamp? stamp, long first, IReadOnlyList<RawFrame> frames)
    {
        if (stamp is not { } at)
        {
            return;
        }
        lock (Gate)
        {
            for (var i = 0; i < frames.Count; i++)
            {
                var frame = frames[i];
                var key = new Key(fullPath, at, first + i, frame.Width, frame.Height, frame.Format);
                Remove(key);
                Entries.AddLast((key, frame));
                _bytes += frame.Pixels.LongLength;
            }
            while (_bytes > CapacityBytes && Entries.First is { } oldest)
            {
                _bytes -= oldest.Value.Frame.Pixels.LongLength;
                Entries.RemoveFirst();
            }
        }
    }

    /// <summary>
    /// Frames <paramref name="first"/>..<paramref name="first"/> + <paramref name="count"/> − 1 of the file as they
    /// were kept, removed from the memo, or null (and nothing removed) unless every one of them is there.
    /// </summary>
    public static List<RawFrame>? Take(string fullPath, FileStamp? stamp, long first, int count, FrameSize size, RawPixelFormat format)
    {
        if (stamp is not { } at)
        {
            return null;
        }
        lock (Gate)
        {
            if (Entries.Count == 0)
            {
                return null;
            }
            var found = new List<LinkedListNode<(Key Key, RawFrame Frame)>>(count);
            for (var i = 0; i < count; i++)
            {
                var key = new Key(fullPath, at, first + i, size.Width, size.Height, format);
                if (Find(key) is not { } node)
                {
                    return null;
                }
                found.Add(node);
            }
            foreach (var node in found)
            {
                _bytes -= node.Value.Frame.Pixels.LongLength;
                Entries.Remove(node);
            }
            return found.Select(n => n.Value.Frame).ToList();
        }
    }

    /// <summary>Forgets everything (tests).</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            Entries.Clear();
            _bytes = 0;
        }
    }

    private static LinkedListNode<(Key Key, RawFrame Frame)>? Find(Key key)
    {
        for (var node = Entries.First; node is not null; node = node.Next)
        {
            if (node.Value.Key == key)
            {
                return node;
            }
        }
        return null;
    }

    private static void Remove(Key key)
    {
        if (Find(key) is { } node)
        {
            _bytes -= node.Value.Frame.Pixels.LongLength;
            Entries.Remove(node);
        }
    }

    private readonly record struct Key(string Path, FileStamp Stamp, long Frame, int Width, int Height, RawPixelFormat Format);
}
