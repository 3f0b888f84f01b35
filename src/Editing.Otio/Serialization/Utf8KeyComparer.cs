namespace Editing.Otio.Serialization;

/// <summary>
/// Orders strings by their UTF-8 bytes (= by code point), as the reference's <c>std::map&lt;std::string&gt;</c> does.
/// Plain ordinal comparison of UTF-16 differs for characters above U+FFFF against U+E000–U+FFFF.
/// </summary>
internal sealed class Utf8KeyComparer : IComparer<string>
{
    public static Utf8KeyComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a == b)
            {
                continue;
            }
            var sa = char.IsSurrogate(a);
            var sb = char.IsSurrogate(b);
            if (sa != sb)
            {
                // A surrogate encodes a code point above U+FFFF, which sorts after every BMP character.
                return sa ? 1 : -1;
            }
            return a < b ? -1 : 1;
        }
        return x.Length.CompareTo(y.Length);
    }
}
