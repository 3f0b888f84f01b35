using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Editing.Otio.Schema;

/// <summary>
/// OTIO's <c>AnyDictionary</c>: string keys to JSON-like values, kept in insertion order. Values are
/// <see langword="null"/>, <see cref="bool"/>, <see cref="long"/> (JSON integers), <see cref="double"/> (JSON numbers with a
/// fraction or exponent, so <c>2.0</c> stays a double), <see cref="string"/>, <see cref="OtioList"/>,
/// <see cref="OtioDictionary"/>, a <see cref="SerializableObject"/>, or a value type (<c>RationalTime</c>,
/// <c>TimeRange</c>, <c>TimeTransform</c>, <see cref="Color"/>, <see cref="V2d"/>, <see cref="Box2d"/>).
/// </summary>
/// <remarks>
/// The writer emits keys sorted by their UTF-8 bytes, as the reference library does; the in-memory order is the order
/// the keys were read or added. Small dictionaries (the common case in metadata) are searched linearly; an index is
/// built past <see cref="IndexThreshold"/> entries.
/// </remarks>
public sealed class OtioDictionary : IDictionary<string, object?>, IReadOnlyDictionary<string, object?>
{
    private const int IndexThreshold = 12;
    private KeyValuePair<string, object?>[] _entries;
    private int _count;
    private Dictionary<string, int>? _index;

    /// <summary>Creates an empty dictionary.</summary>
    public OtioDictionary()
    {
        _entries = [];
    }

    /// <summary>Creates an empty dictionary with room for <paramref name="capacity"/> entries.</summary>
    public OtioDictionary(int capacity)
    {
        _entries = capacity == 0 ? [] : new KeyValuePair<string, object?>[capacity];
    }

    /// <inheritdoc/>
    public int Count => _count;

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <summary>The keys in insertion order.</summary>
    public ICollection<string> Keys
    {
        get
        {
            var keys = new string[_count];
            for (var i = 0; i < _count; i++)
            {
                keys[i] = _entries[i].Key;
            }
            return keys;
        }
    }

    /// <summary>The values in insertion order.</summary>
    public ICollection<object?> Values
    {
        get
        {
            var values = new object?[_count];
            for (var i = 0; i < _count; i++)
            {
                values[i] = _entries[i].Value;
            }
            return values;
        }
    }

    IEnumerable<string> IReadOnlyDictionary<string, object?>.Keys => Keys;

    IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values => Values;

    /// <summary>Gets or sets a value; setting an existing key keeps its position.</summary>
    public object? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"key '{key}' is not in the dictionary");
        set
        {
            var i = IndexOf(key);
            if (i >= 0)
            {
                _entries[i] = new KeyValuePair<string, object?>(key, value);
            }
            else
            {
                Append(key, value);
            }
        }
    }

    /// <summary>The entry at a position in insertion order.</summary>
    public KeyValuePair<string, object?> GetAt(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        return _entries[index];
    }

    /// <summary>Adds a key unless it is present; returns false (keeping the first value) when it is, as OTIO's reader does for duplicate keys.</summary>
    public bool TryAdd(string key, object? value)
    {
        if (IndexOf(key) >= 0)
        {
            return false;
        }
        Append(key, value);
        return true;
    }

    /// <summary>Adds a new key; throws if it is present.</summary>
    public void Add(string key, object? value)
    {
        if (!TryAdd(key, value))
        {
            throw new ArgumentException($"key '{key}' is already in the dictionary", nameof(key));
        }
    }

    /// <inheritdoc/>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            value = _entries[i].Value;
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>Removes a key, keeping the order of the others.</summary>
    public bool Remove(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            return false;
        }
        Array.Copy(_entries, i + 1, _entries, i, _count - i - 1);
        _count--;
        _entries[_count] = default;
        _index = null;
        if (_count > IndexThreshold)
        {
            BuildIndex();
        }
        return true;
    }

    /// <inheritdoc/>
    public void Clear()
    {
        Array.Clear(_entries, 0, _count);
        _count = 0;
        _index = null;
    }

    /// <summary>A deep copy: nested dictionaries and lists are copied, schema objects are cloned.</summary>
    public OtioDictionary DeepClone()
    {
        var copy = new OtioDictionary(_count);
        for (var i = 0; i < _count; i++)
        {
            copy.Append(_entries[i].Key, AnyValue.DeepClone(_entries[i].Value));
        }
        return copy;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _entries[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item)
        => TryGetValue(item.Key, out var v) && Equals(v, item.Value);

    void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex)
        => Array.Copy(_entries, 0, array, arrayIndex, _count);

    bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item)
        => TryGetValue(item.Key, out var v) && Equals(v, item.Value) && Remove(item.Key);

    internal ReadOnlySpan<KeyValuePair<string, object?>> AsSpan() => new(_entries, 0, _count);

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var i) ? i : -1;
        }
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private void Append(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count == 0 ? 4 : _count * 2);
        }
        _entries[_count] = new KeyValuePair<string, object?>(key, value);
        if (_index is not null)
        {
            _index[key] = _count;
        }
        _count++;
        if (_index is null && _count > IndexThreshold)
        {
            BuildIndex();
        }
    }

    private void BuildIndex()
    {
        _index = new Dictionary<string, int>(_count * 2, StringComparer.Ordinal);
        for (var i = 0; i < _count; i++)
        {
            _index[_entries[i].Key] = i;
        }
    }
}
