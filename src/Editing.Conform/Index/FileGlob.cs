namespace Editing.Conform.Index;

/// <summary>
/// A file-name glob: <c>*</c> any run of characters, <c>?</c> one character, everything else literal, compared
/// without case (invariant upper case). The literal text before the first wildcard is the <see cref="Prefix"/>
/// the index narrows by.
/// </summary>
internal sealed class FileGlob
{
    private readonly string _upper;

    public FileGlob(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        Pattern = pattern;
        _upper = pattern.ToUpperInvariant();
        var wildcard = _upper.AsSpan().IndexOfAny('*', '?');
        Prefix = wildcard < 0 ? _upper : _upper[..wildcard];
        IsLiteral = wildcard < 0;
    }

    public string Pattern { get; }

    /// <summary>The upper-cased literal start of the pattern (may be empty).</summary>
    public string Prefix { get; }

    /// <summary>True when the pattern has no wildcard.</summary>
    public bool IsLiteral { get; }

    /// <summary>Whether the upper-cased <paramref name="upperName"/> matches (iterative, linear in practice: backtracks only to the last <c>*</c>).</summary>
    public bool IsMatchUpper(ReadOnlySpan<char> upperName)
    {
        var p = _upper.AsSpan();
        int n = 0, i = 0, star = -1, mark = 0;
        while (n < upperName.Length)
        {
            if (i < p.Length && (p[i] == '?' || (p[i] != '*' && p[i] == upperName[n])))
            {
                i++;
                n++;
            }
            else if (i < p.Length && p[i] == '*')
            {
                star = i++;
                mark = n;
            }
            else if (star >= 0)
            {
                i = star + 1;
                n = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (i < p.Length && p[i] == '*')
        {
            i++;
        }
        return i == p.Length;
    }
}
