using Editing.Otio.Schema;

namespace Editing.Interchange.Fcp7;

/// <summary>
/// FCP 7 XML (xmeml) reading and writing that behaves like OpenTimelineIO's <c>fcp_xml</c> adapter, as Premiere and
/// Resolve use the format: one sequence reads to a <see cref="Timeline"/>, several to a
/// <see cref="SerializableCollection"/> named <c>Sequences</c>.
/// </summary>
public static class Fcp7Xml
{
    /// <summary>Reads xmeml text.</summary>
    /// <param name="xml">The XML.</param>
    /// <param name="sourceName">File name or label for errors.</param>
    /// <returns>A timeline, or a collection of timelines when the file holds several sequences.</returns>
    /// <exception cref="InterchangeException">Malformed XML or a sequence the adapter cannot read, with line and column.</exception>
    public static SerializableObject Read(string xml, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var reader = new StringReader(xml);
        return Fcp7XmlReader.Read(reader, sourceName);
    }

    /// <summary>Reads an xmeml file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>A timeline, or a collection of timelines.</returns>
    /// <exception cref="InterchangeException">Malformed XML, with file, line and column.</exception>
    public static SerializableObject ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Fcp7XmlReader.Read(reader, path);
    }

    /// <summary>Writes a timeline (or a collection of timelines) as xmeml version 4 text.</summary>
    /// <param name="root">A <see cref="Timeline"/> or a <see cref="SerializableCollection"/> of timelines.</param>
    /// <returns>The XML, laid out with 4-space indents.</returns>
    /// <exception cref="InterchangeException">Something FCP 7 XML cannot express (a rate without SMPTE timecode, media without an available range).</exception>
    public static string Write(SerializableObject root) => Fcp7XmlWriter.Write(root, null);

    /// <summary>Writes xmeml to <paramref name="path"/> atomically.</summary>
    /// <param name="root">A <see cref="Timeline"/> or a <see cref="SerializableCollection"/> of timelines.</param>
    /// <param name="path">The file to write.</param>
    /// <exception cref="InterchangeException">Something FCP 7 XML cannot express (nothing is written).</exception>
    public static void WriteFile(SerializableObject root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicText.Write(path, Fcp7XmlWriter.Write(root, path));
    }
}
