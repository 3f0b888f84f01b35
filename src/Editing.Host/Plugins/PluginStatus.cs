namespace Editing.Host.Plugins;

/// <summary>Whether a discovered plugin can be used.</summary>
public enum PluginStatus
{
    /// <summary>Usable: plugin.json is valid, the SDK range contains this host's SDK, the entry assembly exists and
    /// its ids are its own.</summary>
    Ok,

    /// <summary>Not usable; <see cref="PluginEntry.Reason"/> says why (bad plugin.json, SDK out of range, entry
    /// assembly missing, a tool or provider id another plugin already provides).</summary>
    Error,

    /// <summary>Not used: a plugin with the same id comes earlier on the search path; <see cref="PluginEntry.Reason"/>
    /// names both folders.</summary>
    Shadowed,
}
