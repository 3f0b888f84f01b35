using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Editing.Providers.Common;

/// <summary>
/// Reads a provider's non-secret settings when the host has not handed them over: a provider's models are described
/// before any generation (describe carries no configuration), yet which models exist can depend on configuration
/// (the ComfyUI templates folder, the studio server's capabilities). Same sources and precedence as the host's
/// provider configuration: the configuration file (<c>$EDITING_CONFIG</c>, else
/// <c>$XDG_CONFIG_HOME/editing/config.json</c>, else <c>~/.config/editing/config.json</c>), <c>providers.&lt;id&gt;.settings</c>,
/// then <c>EDITING_PROVIDER__&lt;ID&gt;__&lt;KEY&gt;</c>. Never reads secrets. Unreadable files count as empty here: the
/// host reports them when it loads the configuration.
/// </summary>
internal static class ProviderSettings
{
    public static IReadOnlyDictionary<string, string> ForDescribe(string providerId)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var file = ConfigPath();
            if (File.Exists(file))
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("providers", out var providers) && providers.ValueKind == JsonValueKind.Object
                    && providers.TryGetProperty(providerId, out var entry) && entry.ValueKind == JsonValueKind.Object
                    && entry.TryGetProperty("settings", out var settings) && settings.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in settings.EnumerateObject())
                    {
                        result[p.Name.ToLowerInvariant()] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // The host reports an unreadable configuration with file and place when it loads it.
        }

        var prefix = "EDITING_PROVIDER__" + EnvironmentId(providerId) + "__";
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string name && e.Value is string { Length: > 0 } value && name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                result[name[prefix.Length..].ToLowerInvariant()] = value;
            }
        }

        return result;
    }

    public static string EnvironmentId(string providerId)
    {
        var b = new StringBuilder(providerId.Length);
        foreach (var c in providerId)
        {
            b.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return b.ToString();
    }

    /// <summary>A positive number of seconds from <paramref name="settings"/>, else <paramref name="fallback"/>.</summary>
    public static TimeSpan Seconds(IReadOnlyDictionary<string, string> settings, string key, double fallback)
    {
        if (settings.TryGetValue(key, out var text))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value))
            {
                throw new Editing.Sdk.PluginException($"setting {key} must be a positive number of seconds, got '{text}'") { Code = "BAD_SETTING" };
            }

            return TimeSpan.FromSeconds(value);
        }

        return TimeSpan.FromSeconds(fallback);
    }

    /// <summary>A non-negative integer from <paramref name="settings"/>, else <paramref name="fallback"/>.</summary>
    public static int Count(IReadOnlyDictionary<string, string> settings, string key, int fallback)
    {
        if (settings.TryGetValue(key, out var text))
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                throw new Editing.Sdk.PluginException($"setting {key} must be a whole number ≥ 0, got '{text}'") { Code = "BAD_SETTING" };
            }

            return value;
        }

        return fallback;
    }

    /// <summary>An absolute http(s) base URL from <paramref name="settings"/>, else <paramref name="fallback"/>.</summary>
    public static Uri BaseUrl(IReadOnlyDictionary<string, string> settings, string fallback)
    {
        var text = settings.TryGetValue("base_url", out var t) && t.Length > 0 ? t : fallback;
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new Editing.Sdk.PluginException($"setting base_url must be an absolute http or https URL, got '{Redact(text)}'") { Code = "BAD_SETTING" };
        }

        return uri;
    }

    /// <summary>The URL without user information (which may hold a password).</summary>
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : url;

    private static string ConfigPath()
    {
        if (Environment.GetEnvironmentVariable("EDITING_CONFIG") is { Length: > 0 } explicitPath)
        {
            return Path.GetFullPath(explicitPath);
        }

        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
        {
            var home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            configHome = Path.Combine(home, ".config");
        }

        return Path.Combine(configHome, "editing", "config.json");
    }
}
