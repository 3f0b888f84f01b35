using System.Globalization;
using System.Text.RegularExpressions;

namespace Editing.Conform.Index;

/// <summary>
/// A version found in a file name: its number and its digits as written (<c>003</c>: number 3, padding 3), and where
/// the digits are in the name.
/// </summary>
internal readonly record struct VersionTag(long Number, string Digits, int Index)
{
    /// <summary>The version as written with its prefix letter when the name has one (<c>v003</c>), else the digits.</summary>
    public string Display(string stem) => Index > 0 && char.IsLetter(stem[Index - 1]) ? stem[(Index - 1)..(Index + Digits.Length)] : Digits;

    /// <summary>
    /// Finds the version in <paramref name="stem"/> (a file name without extension) with <paramref name="pattern"/>:
    /// the last match's group named <c>version</c>, else its group 1, must be digits.
    /// </summary>
    public static VersionTag? Find(Regex pattern, string stem)
    {
        Match? last = null;
        try
        {
            for (var m = pattern.Match(stem); m.Success; m = m.NextMatch())
            {
                last = m;
                if (m.Length == 0)
                {
                    break;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
        if (last is null)
        {
            return null;
        }
        var group = last.Groups["version"] is { Success: true } named ? named : last.Groups[1];
        if (!group.Success || group.Length == 0 || group.Length > 18 || group.ValueSpan.ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }
        return new VersionTag(long.Parse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture), group.Value, group.Index);
    }

    /// <summary>The key all versions of a name share: the digits replaced by <c>#</c>, lower case, extension appended.</summary>
    public static string Key(string stem, VersionTag version, string extension) =>
        string.Concat(stem.AsSpan(0, version.Index), "#", stem.AsSpan(version.Index + version.Digits.Length)).ToLowerInvariant() + extension;
}
