namespace Editing.Sdk.Providers;

/// <summary>What the host gives a provider for one generation, beyond <see cref="PluginContext"/>: its configuration.</summary>
public abstract class ProviderContext : PluginContext
{
    /// <summary>
    /// The provider's settings from the host configuration (server URL, polling interval...), by key. Never holds
    /// secrets; use <see cref="GetSecret"/>.
    /// </summary>
    public abstract IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>
    /// A secret (API key) by name, read by the host from the environment or the user's configuration, or null when it
    /// is not set. Never write a secret into results, logs or errors.
    /// </summary>
    public abstract string? GetSecret(string name);
}
