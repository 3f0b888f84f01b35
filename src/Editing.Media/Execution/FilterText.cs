using System.Text;

namespace Editing.Media.Execution;

/// <summary>
/// Writes filtergraph text. A value reaches a filter through two parsers, each of which removes one level of
/// quoting: the graph parser (special: <c>\ ' [ ] , ;</c>) and then the filter's option parser (special:
/// <c>\ ' :</c>). <see cref="Value"/> quotes for the option parser (<c>'…'</c>, with <c>'</c> written as
/// <c>'\''</c>) and then backslash-escapes the graph specials, so any text (paths with spaces, quotes, colons,
/// commas, non-ASCII) arrives unchanged.
/// </summary>
internal static class FilterText
{
    private const string GraphSpecials = "\\'[],;";

    /// <summary>The value escaped for use as <c>key=VALUE</c> inside a filtergraph; plain tokens stay as they are.</summary>
    public static string Value(string value)
    {
        if (value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./+*()@#<>!?~^&|".Contains(c)) && value.Trim() == value)
        {
            return value;
        }
        var quoted = "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var sb = new StringBuilder(quoted.Length + 8);
        foreach (var c in quoted)
        {
            if (GraphSpecials.Contains(c))
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary><c>name=k1=v1:k2=v2</c> with every value escaped by <see cref="Value"/>.</summary>
    public static string Filter(string name, params (string Key, string Value)[] options)
    {
        if (options.Length == 0)
        {
            return name;
        }
        var sb = new StringBuilder(name).Append('=');
        for (var i = 0; i < options.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(':');
            }
            sb.Append(options[i].Key).Append('=').Append(Value(options[i].Value));
        }
        return sb.ToString();
    }
}
