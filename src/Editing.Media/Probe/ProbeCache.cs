namespace Editing.Media.Probe;

/// <summary>
/// Remembers probes of files as they were when probed: their length and last-write time, and on Linux their file
/// identity (device and inode). A file that was changed, replaced or deleted since no longer matches and is probed
/// again. With the identity, a file renamed or hard-linked under another name (a tool adopting a provider's output,
/// a finished temp file moved into place) is still recognised. Operations probe the same source several times (frame
/// reads, audio, verification of what they just wrote), and each ffprobe run costs a process.
/// </summary>
internal static class ProbeCache
{
    private static readonly FileMemo<MediaInfo> Probes = new();

    /// <summary>The file's state now, or null when it does not exist.</summary>
    public static FileStamp? Stamp(string fullPath) => FileStamp.Of(fullPath);

    /// <summary>The remembered probe of <paramref name="fullPath"/> when the file is unchanged since.</summary>
    public static MediaInfo? Find(string fullPath, FileStamp? stamp) =>
        Probes.Find(fullPath, stamp) is { } info ? (info.Path == fullPath ? info : info with { Path = fullPath }) : null;

    /// <summary>
    /// Remembers <paramref name="info"/> for the file as it was at <paramref name="stamp"/> (taken before it was
    /// probed, so a file changed meanwhile does not match).
    /// </summary>
    public static void Store(string fullPath, FileStamp? stamp, MediaInfo info) => Probes.Store(fullPath, stamp, info with { Path = fullPath });

    /// <summary>Forgets everything (tests).</summary>
    public static void Clear() => Probes.Clear();
}
