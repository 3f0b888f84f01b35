namespace Editing.Sdk.Versioning;

/// <summary>
/// A range of semantic versions as written in <c>plugin.json</c>'s <c>sdk</c> field. Grammar (npm style): comparator
/// sets separated by <c>||</c>; a set is comparators separated by spaces, each <c>&gt;=</c>, <c>&gt;</c>, <c>&lt;=</c>,
/// <c>&lt;</c>, <c>=</c> or none (exact) followed by a version, or a caret <c>^1.2</c> (same major, at least 1.2.0;
/// for 0.x the same minor), or a tilde <c>~1.2</c> (same minor). Examples: <c>^1.0</c>, <c>&gt;=1.0.0 &lt;2.0.0</c>.
/// Pre-release versions only match comparators that name a pre-release of the same MAJOR.MINOR.PATCH.
/// </summary>
public sealed class VersionRange
{
    private readonly IReadOnlyList<IReadOnlyList<(string Op, SemanticVersion Version)>> _sets;

    private VersionRange(string text, IReadOnlyList<IReadOnlyList<(string Op, SemanticVersion Version)>> sets)
    {
        Text = text;
        _sets = sets;
    }

    /// <summary>The range as written.</summary>
    public string Text { get; }

    /// <summary>Parses a range.</summary>
    /// <exception cref="FormatException">The text is not a version range; the message says which part.</exception>
    public static VersionRange Parse(string text) =>
        TryParse(text, out var range, out var error) ? range : throw new FormatException(error);

    /// <summary>Parses a range without throwing; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out VersionRange? range, out string error)
    {
        range = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the version range is empty (expected e.g. ^1.0 or >=1.0.0 <2.0.0)";
            return false;
        }

        var sets = new List<IReadOnlyList<(string, SemanticVersion)>>();
        foreach (var setText in text.Split("||"))
        {
            var set = new List<(string, SemanticVersion)>();
            foreach (var token in setText.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var op = token.StartsWith(">=", StringComparison.Ordinal) || token.StartsWith("<=", StringComparison.Ordinal) ? token[..2]
                    : token[0] is '>' or '<' or '=' or '^' or '~' ? token[..1]
                    : "";
                var versionText = token[op.Length..];
                if (!SemanticVersion.TryParse(versionText, out var v))
                {
                    error = $"'{token}' in version range '{text}' is not a comparator with a semantic version";
                    return false;
                }

                switch (op)
                {
                    case "^":
                        set.Add((">=", v));
                        set.Add(("<", v.Major > 0 ? new SemanticVersion(v.Major + 1, 0, 0, "0")
                            : new SemanticVersion(0, v.Minor + 1, 0, "0")));
                        break;
                    case "~":
                        set.Add((">=", v));
                        set.Add(("<", new SemanticVersion(v.Major, v.Minor + 1, 0, "0")));
                        break;
                    default:
                        set.Add((op.Length == 0 ? "=" : op, v));
                        break;
                }
            }

            if (set.Count == 0)
            {
                error = $"version range '{text}' has an empty alternative";
                return false;
            }

            sets.Add(set);
        }

        range = new VersionRange(text.Trim(), sets);
        return true;
    }

    /// <summary>True when <paramref name="version"/> lies in the range.</summary>
    public bool Contains(SemanticVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        foreach (var set in _sets)
        {
            var ok = true;
            var preReleaseAllowed = !version.IsPreRelease;
            foreach (var (op, bound) in set)
            {
                var c = version.CompareTo(bound);
                ok &= op switch
                {
                    ">=" => c >= 0,
                    ">" => c > 0,
                    "<=" => c <= 0,
                    "<" => c < 0,
                    _ => c == 0,
                };
                // Synthetic upper bounds (x.y.z-0) must not admit pre-releases on their own.
                if (version.IsPreRelease && bound.IsPreRelease && bound.PreRelease != "0"
                    && bound.Major == version.Major && bound.Minor == version.Minor && bound.Patch == version.Patch)
                {
                    preReleaseAllowed = true;
                }
            }

            if (ok && preReleaseAllowed)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
