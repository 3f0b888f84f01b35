using System.Globalization;
using System.Text.RegularExpressions;
using Editing.Conform.Json;

namespace Editing.Conform.Rules;

/// <summary>
/// Reads a conform rules file (JSON; comments and trailing commas allowed; every key optional, unknown keys refused):
/// <c>namePatterns</c>, <c>versionPattern</c>, <c>reelAliases</c>, <c>reelPattern</c>, <c>extensions</c>,
/// <c>preferNewestVersion</c>, <c>handlesFollowSpeed</c>, <c>clipReelKeys</c>. See <c>docs/conform.md</c>.
/// </summary>
public static class ConformRulesReader
{
    private static readonly string[] Keys =
        ["namePatterns", "versionPattern", "reelAliases", "reelPattern", "extensions", "preferNewestVersion", "handlesFollowSpeed", "clipReelKeys"];

    /// <summary>Reads the rules file at <paramref name="path"/>.</summary>
    /// <exception cref="ConformInputException">The file is unreadable, not JSON, or a value is wrong (file, line, column and key path named).</exception>
    public static ConformRules Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromJson(JsonNode.ReadFile(path));
    }

    /// <summary>Reads rules from UTF-8 JSON text; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="ConformInputException">Not JSON, or a value is wrong.</exception>
    public static ConformRules Parse(string sourceName, ReadOnlySpan<byte> utf8)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        return FromJson(JsonNode.Parse(sourceName, utf8));
    }

    private static ConformRules FromJson(JsonNode root)
    {
        var rules = ConformRules.Default;
        foreach (var (key, value) in root.ExpectObject())
        {
            rules = key switch
            {
                "namePatterns" => rules with { NamePatterns = value.ExpectArray().Select(ReadNamePattern).ToArray() },
                "versionPattern" => rules with { VersionPattern = ReadVersionPattern(value) },
                "reelAliases" => rules with { ReelAliases = ReadAliases(value) },
                "reelPattern" => rules with { ReelPattern = value.Kind == System.Text.Json.JsonValueKind.Null ? null : ReadRegex(value, "reel") },
                "extensions" => rules with { Extensions = ReadExtensions(value) },
                "preferNewestVersion" => rules with { PreferNewestVersion = value.ExpectBool() },
                "handlesFollowSpeed" => rules with { HandlesFollowSpeed = value.ExpectBool() },
                "clipReelKeys" => rules with { ClipReelKeys = ReadStrings(value, allowEmpty: false) },
                _ => throw value.Error($"unknown key '{key}' (known: {string.Join(", ", Keys)})"),
            };
        }
        return rules;
    }

    private static NamePattern ReadNamePattern(JsonNode node)
    {
        JsonNode? clip = null, file = null;
        foreach (var (key, value) in node.ExpectObject())
        {
            switch (key)
            {
                case "clip":
                    clip = value;
                    break;
                case "file":
                    file = value;
                    break;
                default:
                    throw value.Error($"unknown key '{key}' (a name pattern has 'clip' and 'file')");
            }
        }
        if (clip is null || file is null)
        {
            throw node.Error($"a name pattern needs both 'clip' (a regular expression) and 'file' (a file-name glob); '{(clip is null ? "clip" : "file")}' is missing");
        }
        var regex = ReadRegex(clip, null);
        var pattern = file.ExpectString();
        if (pattern.Length == 0 || pattern.Contains('/', StringComparison.Ordinal) || pattern.Contains('\\', StringComparison.Ordinal))
        {
            throw file.Error($"'{pattern}' must be a non-empty file-name glob without folders");
        }
        CheckGroupReferences(file, pattern, regex);
        return new NamePattern(regex, pattern);
    }

    /// <summary>Every <c>$n</c> and <c>${name}</c> in the file glob must name a group of the clip regex.</summary>
    private static void CheckGroupReferences(JsonNode node, string pattern, Regex regex)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '$' || i + 1 >= pattern.Length)
            {
                continue;
            }
            var next = pattern[i + 1];
            if (next == '$')
            {
                i++;
                continue;
            }
            if (next == '{')
            {
                var close = pattern.IndexOf('}', i + 2);
                if (close < 0)
                {
                    throw node.Error($"'{pattern}': '${{' without a closing '}}'");
                }
                var name = pattern[(i + 2)..close];
                var known = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    ? regex.GetGroupNumbers().Contains(number)
                    : regex.GetGroupNames().Contains(name, StringComparer.Ordinal);
                if (!known)
                {
                    throw node.Error($"'{pattern}' refers to group '{name}', which the clip pattern '{regex}' does not have");
                }
                i = close;
            }
            else if (char.IsAsciiDigit(next))
            {
                var end = i + 1;
                while (end < pattern.Length && char.IsAsciiDigit(pattern[end]))
                {
                    end++;
                }
                var number = int.Parse(pattern.AsSpan(i + 1, end - i - 1), CultureInfo.InvariantCulture);
                if (!regex.GetGroupNumbers().Contains(number))
                {
                    throw node.Error($"'{pattern}' refers to group {number}, which the clip pattern '{regex}' does not have");
                }
                i = end - 1;
            }
        }
    }

    private static Regex ReadVersionPattern(JsonNode node) => ReadRegex(node, "version");

    /// <summary>A regular expression; when <paramref name="groupName"/> is given it must have a group (named so, or group 1).</summary>
    private static Regex ReadRegex(JsonNode node, string? groupName)
    {
        var text = node.ExpectString();
        Regex regex;
        try
        {
            regex = new Regex(text, RegexOptions.CultureInvariant | RegexOptions.Compiled, ConformRules.RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw node.Error($"invalid regular expression '{text}': {e.Message}");
        }
        if (groupName is not null && regex.GetGroupNumbers().Length < 2)
        {
            throw node.Error($"the pattern '{text}' must capture the {groupName} in a group (named '{groupName}', or the first group)");
        }
        return regex;
    }

    private static Dictionary<string, string> ReadAliases(JsonNode node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.ExpectObject())
        {
            var target = value.ExpectString();
            var normalized = ReelName.Normalize(key);
            if (normalized.Length == 0 || ReelName.Normalize(target).Length == 0)
            {
                throw value.Error($"reel alias '{key}' -> '{target}': both names need letters or digits");
            }
            if (!map.TryAdd(normalized, target))
            {
                throw value.Error($"reel alias '{key}' is the same reel as an earlier alias (reels compare without case and punctuation)");
            }
        }
        return map;
    }

    private static string[] ReadExtensions(JsonNode node)
    {
        var items = node.ExpectArray();
        if (items.Count == 0)
        {
            throw node.Error("the list of extensions is empty: no file would be considered");
        }
        var result = new List<string>();
        foreach (var item in items)
        {
            var text = item.ExpectString().Trim().ToLowerInvariant();
            if (!text.StartsWith('.'))
            {
                text = "." + text;
            }
            if (text.Length < 2 || text.IndexOfAny(['/', '\\', '*', '?']) >= 0)
            {
                throw item.Error($"'{item.Text}' is not a file extension (e.g. \".mov\")");
            }
            if (!result.Contains(text, StringComparer.Ordinal))
            {
                result.Add(text);
            }
        }
        return [.. result];
    }

    private static string[] ReadStrings(JsonNode node, bool allowEmpty)
    {
        var items = node.ExpectArray();
        if (!allowEmpty && items.Count == 0)
        {
            throw node.Error("the list is empty");
        }
        return items.Select(i => i.ExpectString()).ToArray();
    }
}
