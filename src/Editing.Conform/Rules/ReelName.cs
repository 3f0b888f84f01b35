using System.Text;

namespace Editing.Conform.Rules;

/// <summary>
/// Reel (tape) names as they are compared: upper case, letters and digits only. EDL writers strip punctuation and
/// cut names to 8 characters (OTIO's <c>cmx_3600</c> writer does both), so <c>A001_C003</c>, <c>a001c003</c> and
/// <c>A001-C003</c> are the same reel.
/// </summary>
internal static class ReelName
{
    /// <summary>The length EDLs cut reel names to.</summary>
    public const int EdlLength = 8;

    public static string Normalize(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }
        var clean = true;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                clean = false;
                break;
            }
        }
        if (clean)
        {
            return name;
        }
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }
        return sb.ToString();
    }
}
