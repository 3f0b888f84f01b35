using System.Text;

namespace Editing.Providers.Previs.Text;

/// <summary>Breaks a prompt into lines that fit a width, at spaces where possible.</summary>
internal static class PromptLayout
{
    /// <summary>
    /// At most <paramref name="maxLines"/> lines of at most <paramref name="lineLength"/> characters; words longer than a
    /// line are cut; when the text does not fit, the last line ends with an ellipsis. Runs of white space count as one
    /// space.
    /// </summary>
    public static string Wrap(string text, int lineLength, int maxLines)
    {
        lineLength = Math.Max(8, lineLength);
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var original in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = original;
            while (word.Length > lineLength)
            {
                Flush(lines, line);
                lines.Add(word[..lineLength]);
                word = word[lineLength..];
            }

            if (line.Length > 0 && line.Length + 1 + word.Length > lineLength)
            {
                Flush(lines, line);
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        Flush(lines, line);
        if (lines.Count > maxLines)
        {
            lines.RemoveRange(maxLines, lines.Count - maxLines);
            var last = lines[^1];
            lines[^1] = (last.Length >= lineLength ? last[..(lineLength - 1)] : last) + "…";
        }

        return string.Join('\n', lines);
    }

    private static void Flush(List<string> lines, StringBuilder line)
    {
        if (line.Length > 0)
        {
            lines.Add(line.ToString());
            line.Clear();
        }
    }
}
