namespace Editing.Providers.Common;

/// <summary>Removes secret values from any text that may reach the editor (errors, warnings, metadata).</summary>
internal sealed class SecretScrubber
{
    private readonly string[] _secrets;

    public SecretScrubber(IEnumerable<string?> secrets) =>
        _secrets = secrets.Where(s => s is { Length: >= 4 }).Select(s => s!).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();

    public string Scrub(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "[secret]", StringComparison.Ordinal);
        }

        return text;
    }
}
