using System.Text;
using Editing.Otio.Schema;

namespace Editing.Interchange.Edl;

/// <summary>
/// CMX 3600 EDL reading and writing that behaves like OpenTimelineIO's <c>cmx_3600</c> adapter: events become clips,
/// gaps and transitions on one track per channel (V, A1, A2 …); the record start of each track is kept as a negative
/// <c>source_range.start_time</c> of that track; reels, clip-name, file, LOC, ASC and M2 comments go to the places the
/// reference puts them.
/// </summary>
public static class CmxEdl
{
    /// <summary>Reads EDL text. <paramref name="sourceName"/> names the input in error messages.</summary>
    /// <param name="text">The EDL.</param>
    /// <param name="options">Rate and mismatch handling; null for 24 fps, strict.</param>
    /// <param name="sourceName">File name or label for errors.</param>
    /// <returns>The timeline (never null; an EDL without events has no tracks).</returns>
    /// <exception cref="InterchangeException">Malformed text, with the line and column.</exception>
    public static Timeline Read(string text, EdlReadOptions? options = null, string? sourceName = null)
        => EdlReader.Read(text, options, sourceName);

    /// <summary>Reads an EDL file as UTF-8 (a byte-order mark is kept, and refused like the reference does).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Rate and mismatch handling; null for 24 fps, strict.</param>
    /// <returns>The timeline.</returns>
    /// <exception cref="InterchangeException">Malformed text, with file, line and column.</exception>
    public static Timeline ReadFile(string path, EdlReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = new UTF8Encoding(false, false).GetString(File.ReadAllBytes(path));
        return EdlReader.Read(text, options, path);
    }

    /// <summary>Writes the timeline's first track as EDL text (<c>\n</c> line ends). The timeline is not changed.</summary>
    /// <param name="timeline">The timeline: one enabled video track (or several with <see cref="EdlWriteOptions.FlattenVideoTracks"/>), at most two enabled audio tracks.</param>
    /// <param name="options">Rate, style, reel names; null for the defaults.</param>
    /// <returns>The EDL text.</returns>
    /// <exception cref="InterchangeException">Something the EDL cannot express.</exception>
    public static string Write(Timeline timeline, EdlWriteOptions? options = null)
        => EdlWriter.Write(timeline, options, null);

    /// <summary>Writes the EDL to <paramref name="path"/> atomically (a temporary file renamed over the target).</summary>
    /// <param name="timeline">The timeline.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="options">Rate, style, reel names; null for the defaults.</param>
    /// <exception cref="InterchangeException">Something the EDL cannot express (nothing is written).</exception>
    public static void WriteFile(Timeline timeline, string path, EdlWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicText.Write(path, EdlWriter.WriteToBuilder(timeline, options, path));
    }
}
