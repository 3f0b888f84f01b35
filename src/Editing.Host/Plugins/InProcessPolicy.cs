namespace Editing.Host.Plugins;

/// <summary>Which plugins asking for <c>"runtime": "inproc"</c> may run inside the host process.</summary>
public enum InProcessPolicy
{
    /// <summary>None: every plugin runs in a worker.</summary>
    Never,

    /// <summary>Only plugins from the built-in plugins folder (trusted, shipped with the host).</summary>
    BuiltInOnly,

    /// <summary>Any plugin that asks.</summary>
    Any,
}
