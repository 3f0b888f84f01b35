namespace Editing.Media;

/// <summary>
/// The one exception root of the media layer. <see cref="Kind"/> says what went wrong; the message names the file
/// involved and ends with the tail of ffmpeg's error output and the command line that was run.
/// </summary>
public class MediaException : Exception
{
    /// <summary>Creates an error of the given kind.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">The full message (should name <paramref name="path"/>).</param>
    /// <param name="path">The input (or output) file the error is about, when there is one.</param>
    /// <param name="toolOutput">The last lines ffmpeg/ffprobe wrote to stderr.</param>
    /// <param name="commandLine">The command line that failed, with every argument quoted as needed.</param>
    /// <param name="exitCode">The process exit code, when a process ran.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public MediaException(
        MediaErrorKind kind,
        string message,
        string? path = null,
        string? toolOutput = null,
        string? commandLine = null,
        int? exitCode = null,
        Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Path = path;
        ToolOutput = toolOutput;
        CommandLine = commandLine;
        ExitCode = exitCode;
    }

    /// <summary>What went wrong.</summary>
    public MediaErrorKind Kind { get; }

    /// <summary>The (full) path of the file the error is about, or null.</summary>
    public string? Path { get; }

    /// <summary>The tail of the tool's stderr text (about the last 20 lines), or null when no process ran.</summary>
    public string? ToolOutput { get; }

    /// <summary>The command line that was run, or null.</summary>
    public string? CommandLine { get; }

    /// <summary>The process exit code, or null.</summary>
    public int? ExitCode { get; }
}
