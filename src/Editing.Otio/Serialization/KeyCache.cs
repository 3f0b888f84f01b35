using System.Text;

namespace Editing.Otio.Serialization;

/// <summary>
/// Turns key bytes into strings without allocating for keys seen before. Timelines repeat the same few hundred keys
/// (field names, metadata keys) hundreds of thousands of times.
/// </summary>
internal sealed class KeyCache
{
    private const int Size = 4096; // power of two
    private const int MaxKeyBytes = 64;
    private readonly byte[]?[] _bytes = new byte[Size][];
    private readonly string?[] _strings = new string[Size];

    public string Get(ReadOnlySpan<byte> key)
    {
        if (key.Length > MaxKeyBytes)
        {
            return Encoding.UTF8.GetString(key);
        }
        var h = Hash(key) & (Size - 1);
        var b = _bytes[h];
        if (b is not null && key.SequenceEqual(b))
        {
            return _strings[h]!;
        }
        var s = key.Length == 0 ? string.Empty : Encoding.UTF8.GetString(key);
        _bytes[h] = key.ToArray();
        _strings[h] = s;
        return s;
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        uint h = 2166136261;
        foreach (var c in key)
        {
            h = (h ^ c) * 16777619;
        }
        return (int)(h ^ (h >> 15));
    }
}
