namespace Editing.Media.Probe;

/// <summary>
/// Values remembered per file as it was when remembered (<see cref="FileStamp"/>): found by full path or, on Linux, by
/// file identity (a rename or a hard link keeps it), and only while the file's length and last-write time are the
/// same. Emptied when it holds <see cref="Capacity"/> files (simple, and what it holds is cheap to redo).
/// </summary>
internal sealed class FileMemo<T>
    where T : class
{
    private const int Capacity = 512;

    private readonly Dictionary<string, Entry> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<(ulong Device, ulong Inode), Entry> _byIdentity = [];
    private readonly Lock _gate = new();

    /// <summary>The value remembered for the file at <paramref name="stamp"/> (its state now), or null.</summary>
    public T? Find(string fullPath, FileStamp? stamp)
    {
        if (stamp is not { } now)
        {
            return null;
        }
        lock (_gate)
        {
            if (_byPath.TryGetValue(fullPath, out var entry) && entry.Stamp.SameContentAs(now))
            {
                return entry.Value;
            }
            return now.HasIdentity && _byIdentity.TryGetValue((now.Device, now.Inode), out entry) && entry.Stamp.SameContentAs(now)
                ? entry.Value
                : null;
        }
    }

    /// <summary>Remembers <paramref name="value"/> for the file as it was at <paramref name="stamp"/>.</summary>
    public void Store(string fullPath, FileStamp? stamp, T value)
    {
        if (stamp is not { } at)
        {
            return;
        }
        var entry = new Entry(at, value);
        lock (_gate)
        {
            if (_byPath.Count >= Capacity && !_byPath.ContainsKey(fullPath))
            {
                _byPath.Clear();
                _byIdentity.Clear();
            }
            _byPath[fullPath] = entry;
            if (at.HasIdentity)
            {
                _byIdentity[(at.Device, at.Inode)] = entry;
            }
        }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _byPath.Clear();
            _byIdentity.Clear();
        }
    }

    private sealed record Entry(FileStamp Stamp, T Value);
}
