using Editing.Sdk;
using Editing.Sdk.Controls;

namespace Editing.Host.Plugins;

/// <summary>
/// A plugin call failed; the host, the other plugins and the timeline are unaffected. The message is for the editor:
/// it names the plugin, the call and what happened, e.g.
/// <c>plugin com.example.faulty crashed during tool.run of com.example.blur (exit code 134, SIGABRT): Process terminated. ...</c>,
/// <c>plugin com.example.slow timed out after 5 s during tool.run of com.example.slow; the worker was killed</c> or
/// <c>plugin com.example.x threw InvalidOperationException during tool.run of com.example.x: the clip has no media</c>.
/// A <c>PluginException</c> thrown by the plugin keeps its message as is, with <see cref="PluginException.IsTransient"/>
/// and <see cref="PluginException.Code"/>. The CLI exits with code 4 for these.
/// </summary>
public sealed class PluginCallException : PluginException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="pluginId">The plugin's id.</param>
    /// <param name="method">The protocol call (<c>describe</c>, <c>tool.validate</c>, <c>tool.run</c>,
    /// <c>provider.validate</c>, <c>provider.generate</c>, <c>initialize</c>, <c>lookup</c>).</param>
    /// <param name="targetId">The tool or provider id, or null for calls about the whole plugin.</param>
    /// <param name="message">The message for the editor.</param>
    /// <param name="innerException">The cause inside the host, or null.</param>
    public PluginCallException(PluginFailureKind kind, string pluginId, string method, string? targetId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        PluginId = pluginId;
        Method = method;
        TargetId = targetId;
    }

    /// <summary>What happened.</summary>
    public PluginFailureKind Kind { get; }

    /// <summary>The plugin's id.</summary>
    public string PluginId { get; }

    /// <summary>The protocol call that failed (<c>tool.run</c>...).</summary>
    public string Method { get; }

    /// <summary>The tool or provider id, or null.</summary>
    public string? TargetId { get; }

    /// <summary>The full name of the exception type the plugin threw, or null.</summary>
    public string? PluginExceptionType { get; init; }

    /// <summary>The plugin's exception with its stack trace (<c>Exception.ToString()</c> in the plugin), for
    /// <c>--verbose</c>; null when no exception was thrown.</summary>
    public string? PluginStackTrace { get; init; }

    /// <summary>The worker's exit code after a crash, or null.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended the worker (<c>SIGABRT</c>, <c>SIGSEGV</c>, <c>SIGKILL</c>), or null.</summary>
    public string? Signal { get; init; }

    /// <summary>The end of the worker's stderr (bounded), or null.</summary>
    public string? StandardError { get; init; }

    /// <summary>Validation issues when <see cref="Kind"/> is <see cref="PluginFailureKind.InvalidRequest"/>.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; init; } = [];
}
