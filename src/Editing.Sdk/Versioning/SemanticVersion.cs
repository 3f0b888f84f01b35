using System.Globalization;

namespace Editing.Sdk.Versioning;

/// <summary>
/// A semantic version (<c>MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]</c>, semver 2.0.0). Ordering follows semver:
/// a pre-release sorts before its release (<c>1.0.0-beta &lt; 1.0.0</c>), build metadata is ignored.
/// </summary>
public sealed class SemanticVersion : IComparable<SemanticVersion>, IEquatable<SemanticVersion>
{
    /// <summary>Creates a version from its parts.</summary>
    /// <param name="major">Incremented for breaking changes.</param>
    /// <param name="minor">Incremented for additive changes.</param>
    /// <param name="patch">Incremented for fixes.</param>
    /// <param name="preRelease">Dot-separated pre-release identifiers without the leading '-', or empty.</param>
    /// <param name="build">Build metadata without the leading '+', or empty; not used for ordering.</param>
    public SemanticVersion(int major, int minor, int patch, string preRelease = "", string build = "")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(major);
        ArgumentOutOfRangeException.ThrowIfNegative(minor);
        ArgumentOutOfRangeException.ThrowIfNegative(patch);
        Major = major;
        Minor = minor;
        Patch = patch;
        PreRelease = preRelease ?? "";
        Build = build ?? "";
    }

    /// <summary>The major version.</summary>
    public int Major { get; }

    /// <summary>The minor version.</summary>
    public int Minor { get; }

    /// <summary>The patch version.</summary>
    public int Patch { get; }

    /// <summary>Pre-release identifiers (e.g. <c>beta.2</c>), empty for a release.</summary>
    public string PreRelease { get; }

    /// <summary>Build metadata (e.g. <c>sha.1234</c>), empty when absent.</summary>
    public string Build { get; }

    /// <summary>True when the version has pre-release identifiers.</summary>
    public bool IsPreRelease => PreRelease.Length > 0;

    /// <summary>Parses a version; a missing minor or patch counts as 0 (<c>"1.2"</c> is 1.2.0).</summary>
    /// <exception cref="FormatException">The text is not a semantic version.</exception>
    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.2.0).");

    /// <summary>Parses a version without throwing; see <see cref="Parse"/>.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SemanticVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.StartsWith('v') || s.StartsWith('V'))
        {
            s = s[1..];
        }

        var build = "";
        var plus = s.IndexOf('+');
        if (plus >= 0)
        {
            build = s[(plus + 1)..];
            s = s[..plus];
            if (!ValidIdentifiers(build, numericRule: false))
            {
                return false;
            }
        }

        var pre = "";
        var dash = s.IndexOf('-');
        if (dash >= 0)
        {
            pre = s[(dash + 1)..];
            s = s[..dash];
            if (!ValidIdentifiers(pre, numericRule: true))
            {
                return false;
            }
        }

        var parts = s.Split('.');
        if (parts.Length is < 1 or > 3)
        {
            return false;
        }

        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || !parts[i].All(char.IsAsciiDigit) || (parts[i].Length > 1 && parts[i][0] == '0')
                || !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new SemanticVersion(numbers[0], numbers[1], numbers[2], pre, build);
        return true;
    }

    private static bool ValidIdentifiers(string text, bool numericRule)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var id in text.Split('.'))
        {
            if (id.Length == 0 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }

            if (numericRule && id.Length > 1 && id[0] == '0' && id.All(char.IsAsciiDigit))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Major.CompareTo(other.Major);
        if (c == 0)
        {
            c = Minor.CompareTo(other.Minor);
        }

        if (c == 0)
        {
            c = Patch.CompareTo(other.Patch);
        }

        return c != 0 ? c : ComparePreRelease(PreRelease, other.PreRelease);
    }

    private static int ComparePreRelease(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            // A release is greater than any of its pre-releases.
            return b.Length.CompareTo(a.Length);
        }

        var left = a.Split('.');
        var right = b.Split('.');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var ln = long.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var lv);
            var rn = long.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var rv);
            var c = (ln, rn) switch
            {
                (true, true) => lv.CompareTo(rv),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(left[i], right[i]),
            };
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    /// <inheritdoc />
    public bool Equals(SemanticVersion? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SemanticVersion);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, PreRelease);

    /// <summary>The canonical text, e.g. <c>1.2.0-beta.1+sha.5</c>.</summary>
    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}" + (PreRelease.Length > 0 ? "-" + PreRelease : "") + (Build.Length > 0 ? "+" + Build : "");

    /// <summary>Semver ordering.</summary>
    public static bool operator <(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) < 0;

    /// <summary>Semver ordering.</summary>
    public static bool operator >(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) > 0;

    /// <summary>Semver ordering.</summary>
    public static bool operator <=(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Semver ordering.</summary>
    public static bool operator >=(SemanticVersion left, SemanticVersion right) => left.CompareTo(right) >= 0;
}
