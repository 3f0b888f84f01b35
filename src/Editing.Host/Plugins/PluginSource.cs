namespace Editing.Host.Plugins;

/// <summary>Which part of the search path a plugin was found in (earlier parts win a duplicate id).</summary>
public enum PluginSource
{
    /// <summary>The built-in plugins folder shipped with the host (<c>&lt;host folder&gt;/plugins</c>).</summary>
    BuiltIn,

    /// <summary>The user's plugins folder (<c>$XDG_DATA_HOME/editing/plugins</c>, else
    /// <c>~/.local/share/editing/plugins</c>).</summary>
    User,

    /// <summary>An entry of <c>EDITING_PLUGIN_PATH</c>.</summary>
    EnvironmentPath,
}
