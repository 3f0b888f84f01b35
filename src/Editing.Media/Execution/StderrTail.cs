namespace Editing.Media.Execution;

/// <summary>Keeps the last lines of a process's stderr, bounded in count and length, safe to read from another thread.</summary>
internal sealed class StderrTail(int maxLines)
{
    private const int MaxLineLength = 2000;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        if (line.Length > MaxLineLength)
        {
            line = string.Concat(line.AsSpan(0, MaxLineLength), "…");
        }
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > maxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }
}
