namespace Editing.Otio.Serialization;

/// <summary>
/// A file that could not be read: names the file, the line and column, the object path (e.g.
/// <c>tracks.children[2].children[14].source_range</c>) and the kind of problem.
/// </summary>
public sealed class OtioReadException : OtioException
{
    /// <summary>Creates a read error.</summary>
    public OtioReadException(OtioErrorKind kind, string detail, string? file, int line, int column, string objectPath, Exception? inner = null)
        : base(kind, Format(kind, detail, file, line, column, objectPath), inner ?? new InvalidOperationException(detail))
    {
        Detail = detail;
        File = file;
        Line = line;
        Column = column;
        ObjectPath = objectPath;
    }

    /// <summary>What is wrong, without the place.</summary>
    public string Detail { get; }

    /// <summary>The file (or source name) read, if known.</summary>
    public string? File { get; }

    /// <summary>1-based line of the problem; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column (in characters) of the problem; 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The path of keys and indices from the root to the problem; empty at the root.</summary>
    public string ObjectPath { get; }

    private static string Format(OtioErrorKind kind, string detail, string? file, int line, int column, string path)
    {
        var where = file ?? "<input>";
        if (line > 0)
        {
            where += $":{line}:{column}";
        }
        var at = path.Length > 0 ? $" at {path}" : " at the root";
        return $"{where}: {ToReferenceName(kind)}{at}: {detail}";
    }
}
