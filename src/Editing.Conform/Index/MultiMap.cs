namespace Editing.Conform.Index;

/// <summary>
/// Keys to several files without a list per key: each key holds the head of a chain of nodes in one array, so
/// indexing 100,000 files allocates a few large arrays rather than hundreds of thousands of small lists.
/// </summary>
internal sealed class MultiMap(IEqualityComparer<string> comparer)
{
    private readonly Dictionary<string, int> _heads = new(comparer);
    private (IndexedFile File, int Next)[] _nodes = new (IndexedFile, int)[64];
    private int _count;

    public void Add(string key, IndexedFile file)
    {
        ref var head = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_heads, key, out var exists);
        if (exists && ReferenceEquals(_nodes[head - 1].File, file))
        {
            return;
        }
        if (_count == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }
        _nodes[_count] = (file, exists ? head : 0);
        head = ++_count;
    }

    /// <summary>The files under <paramref name="key"/> in the order they were added (empty when none).</summary>
    public IReadOnlyList<IndexedFile> Find(string key)
    {
        if (!_heads.TryGetValue(key, out var head))
        {
            return [];
        }
        var files = new List<IndexedFile>(2);
        for (var node = head; node != 0; node = _nodes[node - 1].Next)
        {
            files.Add(_nodes[node - 1].File);
        }
        files.Reverse();
        return files;
    }
}
