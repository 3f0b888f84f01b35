namespace Editing.Host.Plugins;

/// <summary>
/// The last lines a worker wrote to stderr (bounded: 400 lines of at most 2,000 characters), plus the first 40 lines
/// of the first crash report seen ("Process terminated.", "Stack overflow.", "Unhandled exception." and what follows),
/// which a long stack dump would otherwise push out. Crash messages quote it.
/// </summary>
internal sealed class StandardErrorBuffer
{
    private const int MaxLines = 400;
    private const int MaxLineLength = 2000;
    private const int ReportLines = 40;

    private static readonly string[] CrashMarkers =
    [
        "Process terminated.", "Stack overflow.", "Unhandled exception.", "Fatal error.", "editing-worker: unhandled exception",
    ];

    // Frames of these namespaces are the runtime's or the host's, not the plugin's.
    private static readonly string[] InfrastructurePrefixes = ["System.", "Microsoft.", "Editing.Host.", "Editing.Worker."];

    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();
    private List<string>? _report;

    public void Add(string line)
    {
        if (line.Length > MaxLineLength)
        {
            line = line[..MaxLineLength] + "...";
        }

        lock (_lock)
        {
            if (_report is { Count: < ReportLines })
            {
                _report.Add(line);
            }
            else if (_report is null && CrashMarkers.Any(m => line.StartsWith(m, StringComparison.Ordinal)))
            {
                _report = [line];
            }

            _lines.Enqueue(line);
            if (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>
    /// One line for an error message: a crash report's headline with the first frame that is not the runtime's or
    /// the host's (<c>Process terminated. boom (at Studio.Plugin.Tool.Run)</c>), else the last few lines joined by
    /// " | "; at most <paramref name="maxChars"/> characters; empty when nothing was written.
    /// </summary>
    public string Excerpt(int maxChars = 600)
    {
        List<string> report;
        List<string> last;
        lock (_lock)
        {
            report = _report is null ? [] : [.. _report];
            last = _lines.TakeLast(4).ToList();
        }

        string text;
        if (report.Count > 0)
        {
            var headline = report.Select(l => l.Trim())
                .TakeWhile(l => !l.StartsWith("at ", StringComparison.Ordinal))
                .Where(l => l.Length > 0 && !l.StartsWith("Repeat", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal));
            var frame = report.Select(l => l.Trim())
                .Where(l => l.StartsWith("at ", StringComparison.Ordinal))
                .Select(l => l[3..])
                .FirstOrDefault(l => !InfrastructurePrefixes.Any(p => l.StartsWith(p, StringComparison.Ordinal)));
            text = string.Join(" ", headline) + (frame is null ? "" : $" (at {Method(frame)})");
        }
        else
        {
            text = string.Join(" | ", last.Select(l => l.Trim()).Where(l => l.Length > 0));
        }

        return text.Length > maxChars ? text[..maxChars] + "..." : text;
    }

    /// <summary><c>Ns.Type.Method(args)</c> without its argument list.</summary>
    private static string Method(string frame)
    {
        var paren = frame.IndexOf('(');
        return paren > 0 ? frame[..paren] : frame;
    }

    /// <summary>The last lines, joined by newlines, at most <paramref name="maxChars"/> characters from the end.</summary>
    public string Tail(int maxChars = 8000)
    {
        string text;
        lock (_lock)
        {
            text = string.Join('\n', _lines);
        }

        return text.Length > maxChars ? text[^maxChars..] : text;
    }
}
