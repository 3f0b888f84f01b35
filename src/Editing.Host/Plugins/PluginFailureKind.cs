namespace Editing.Host.Plugins;

/// <summary>Why a plugin call failed.</summary>
public enum PluginFailureKind
{
    /// <summary>No usable plugin provides the plugin, tool or provider asked for (the message says why).</summary>
    NotAvailable,

    /// <summary>The plugin's code could not be loaded, or its worker could not be started.</summary>
    LoadFailed,

    /// <summary>The request was refused before any work: parameter values the control schema or the tool rejects
    /// (see <see cref="PluginCallException.Issues"/>).</summary>
    InvalidRequest,

    /// <summary>The plugin threw <c>PluginException</c>: an expected failure whose message is shown as is.</summary>
    PluginError,

    /// <summary>The plugin threw any other exception (a bug in the plugin).</summary>
    Threw,

    /// <summary>The call took longer than its time limit.</summary>
    TimedOut,

    /// <summary>The worker process died during the call (exit, abort, stack overflow, native fault, killed).</summary>
    Crashed,

    /// <summary>The worker answered something the host does not understand (mismatched builds).</summary>
    ProtocolError,
}
