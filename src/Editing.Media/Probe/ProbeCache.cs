namespace Editing.Media.Probe;

/// <summary>
/// Remembers probes by full path, each with the file's length and last-write time when it was probed: a file that
/// was changed, replaced or deleted since no longer matches and is probed again. Operations probe the same source
/// several times (frame reads, audio, verification of what they just wrote), and each ffprobe run costs a process.
/// </summary>
internal static class ProbeCache
{
    /// <summary>Entries kept at most; the cache is emptied when it is full (simple, and probes are cheap to redo).</summary>
    private const int Capacity = 512;

    private static readonly Dictionary<string, (long Length, DateTime Written, MediaInfo Info)> Entries = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>The file's identity now (length and last-write time), or null when it does not exist.</summary>
    public static (long Length, DateTime Written)? Stamp(string fullPath)
    {
        try
        {
            var file = new FileInfo(fullPath);
            return file.Exists ? (file.Length, file.LastWriteTimeUtc) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The remembered probe of <paramref name="fullPath"/> when the file is unchanged since.</summary>
    public static MediaInfo? Find(string fullPath, (long Length, DateTime Written)? stamp)
    {
        if (stamp is not { } now)
        {
            return null;
        }
        lock (Gate)
        {
            return Entries.TryGetValue(fullPath, out var entry) && entry.Length == now.Length && entry.Written == now.Written
                ? entry.Info
                : null;
        }
    }

    /// <summary>
    /// Remembers <paramref name="info"/> for the file as it was at <paramref name="stamp"/> (taken before it was
    /// probed, so a file changed meanwhile does not match).
    /// </summary>
    public static void Store(string fullPath, (long Length, DateTime Written)? stamp, MediaInfo info)
    {
        if (stamp is not { } at)
        {
            return;
        }
        lock (Gate)
        {
            if (Entries.Count >= Capacity && !Entries.ContainsKey(fullPath))
            {
                Entries.Clear();
            }
            Entries[fullPath] = (at.Length, at.Written, info with { Path = fullPath });
        }
    }

    /// <summary>Forgets everything (tests).</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            Entries.Clear();
        }
    }
}
