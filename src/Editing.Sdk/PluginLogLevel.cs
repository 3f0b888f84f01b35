namespace Editing.Sdk;

/// <summary>Severity of a plugin log message.</summary>
public enum PluginLogLevel
{
    /// <summary>Detail for plugin developers (shown with <c>--verbose</c>).</summary>
    Debug,

    /// <summary>What the plugin is doing.</summary>
    Information,

    /// <summary>Something the editor should know; the call goes on.</summary>
    Warning,

    /// <summary>Something failed; usually followed by an exception.</summary>
    Error,
}
