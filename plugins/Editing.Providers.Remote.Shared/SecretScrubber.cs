namespace Editing.Providers.Remote;

/// <summary>
/// Removes secrets from any text that may reach the editor, a log or a file: vendor error bodies that echo the request,
/// URLs, exception messages. Every secret of the call is registered; each occurrence (and its URL-encoded form) becomes
/// <c>[secret]</c>.
/// </summary>
internal sealed class SecretScrubber
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "[secret]";

    private readonly List<string> _secrets = [];

    /// <summary>A scrubber for <paramref name="secrets"/> (nulls and empty strings are ignored).</summary>
    public SecretScrubber(IEnumerable<string?> secrets)
    {
        foreach (var s in secrets)
        {
            Add(s);
        }
    }

    /// <summary>Registers one more secret.</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        foreach (var form in new[] { secret, Uri.EscapeDataString(secret), secret.Trim() })
        {
            if (form.Length > 0 && !_secrets.Contains(form))
            {
                _secrets.Add(form);
            }
        }

        // Longest first, so a secret that contains another is masked whole.
        _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
    }

    /// <summary><paramref name="text"/> with every secret masked.</summary>
    public string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        foreach (var s in _secrets)
        {
            text = text.Replace(s, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The scrubbed text shortened to <paramref name="max"/> characters on one line, for error messages that
    /// quote a vendor's answer.</summary>
    public string Excerpt(string? text, int max = 300)
    {
        var clean = Scrub(text).ReplaceLineEndings(" ").Trim();
        return clean.Length <= max ? clean : clean[..max] + "…";
    }
}
