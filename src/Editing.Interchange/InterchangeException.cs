namespace Editing.Interchange;

/// <summary>
/// An EDL or FCP 7 XML file that cannot be read, or a timeline that cannot be written in that format. The message is
/// one line, <c>FILE:LINE:COLUMN: what is wrong</c> (line and column when known, 1-based), so scripts and editors can
/// jump to the place.
/// </summary>
public sealed class InterchangeException : Exception
{
    /// <summary>Creates the error; <paramref name="line"/> and <paramref name="column"/> are 1-based, 0 when unknown.</summary>
    /// <param name="kind">Whether the input is malformed or the timeline cannot be expressed in the format.</param>
    /// <param name="file">The file (or a label such as <c>&lt;string&gt;</c>) the problem is in.</param>
    /// <param name="line">1-based line, or 0.</param>
    /// <param name="column">1-based column, or 0.</param>
    /// <param name="reason">What is wrong, without the location.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public InterchangeException(InterchangeErrorKind kind, string? file, int line, int column, string reason, Exception? inner = null)
        : base(Format(file, line, column, reason), inner)
    {
        Kind = kind;
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>Malformed input, or a timeline the format cannot hold.</summary>
    public InterchangeErrorKind Kind { get; }

    /// <summary>The file or label the problem is in; null when reading from a string without a name.</summary>
    public string? File { get; }

    /// <summary>1-based line of the problem, 0 when not tied to a line.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem, 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Reason { get; }

    private static string Format(string? file, int line, int column, string reason)
    {
        var where = file ?? "<string>";
        if (line > 0)
        {
            where += ":" + line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (column > 0)
            {
                where += ":" + column.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return where + ": " + reason;
    }
}
