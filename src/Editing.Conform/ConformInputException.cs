using System.Globalization;

namespace Editing.Conform;

/// <summary>
/// Bad input to a conform: a rules or job file that is not valid JSON or holds a wrong value, a search folder that
/// does not exist, a timeline that is not a timeline. The message names the file and the place:
/// <c>rules.json:4:14: at namePatterns[0].clip: invalid regular expression: ...</c>.
/// </summary>
public sealed class ConformInputException : Exception
{
    /// <summary>Creates the error; <paramref name="line"/> and <paramref name="column"/> are 1-based, 0 when unknown.</summary>
    public ConformInputException(string file, int line, int column, string path, string detail, Exception? inner = null)
        : base(Format(file, line, column, path, detail), inner)
    {
        File = file;
        Line = line;
        Column = column;
        JsonPath = path;
        Detail = detail;
    }

    /// <summary>Wraps another reader's error whose message already names the file and place.</summary>
    internal ConformInputException(string file, string message, Exception inner)
        : base(message, inner)
    {
        File = file;
        JsonPath = string.Empty;
        Detail = message;
    }

    /// <summary>The file at fault (a rules file, job file, timeline or folder).</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0 when the error is not at a place in the file.</summary>
    public int Line { get; }

    /// <summary>The 1-based column in characters, or 0.</summary>
    public int Column { get; }

    /// <summary>The path of the value at fault from the document root (<c>jobs[1].handles</c>), or empty.</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Detail { get; }

    private static string Format(string file, int line, int column, string path, string detail)
    {
        var place = line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{file}:{line}:{column}") : file;
        return path.Length > 0 ? $"{place}: at {path}: {detail}" : $"{place}: {detail}";
    }
}
