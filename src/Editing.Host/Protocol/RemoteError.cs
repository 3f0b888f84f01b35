using Editing.Sdk;
using Editing.Sdk.Controls;

namespace Editing.Host.Protocol;

/// <summary>
/// The <c>data</c> of a protocol error: what plugin code threw, with its stack, so the host can report it exactly
/// as it would for an in-process plugin. Built with <see cref="FromException"/> in both modes.
/// </summary>
/// <param name="Type">The exception type's full name (<c>System.InvalidOperationException</c>).</param>
/// <param name="Message">The exception message.</param>
/// <param name="StackTrace">The stack trace including inner exceptions (<c>Exception.ToString()</c>), or null.</param>
/// <param name="Transient">The <c>PluginException.IsTransient</c> flag.</param>
/// <param name="Code">The <c>PluginException.Code</c>, or null.</param>
/// <param name="Issues">Validation issues for <see cref="RpcErrorCodes.InvalidParameters"/>, or null.</param>
internal sealed record RemoteError(
    string Type,
    string Message,
    string? StackTrace = null,
    bool Transient = false,
    string? Code = null,
    IReadOnlyList<ValidationIssue>? Issues = null)
{
    /// <summary>The error code and data describing <paramref name="exception"/>.</summary>
    public static (int Code, string Message, RemoteError Data) FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is RpcErrorException rpc)
        {
            return (rpc.Code, rpc.Message, rpc.Details ?? new RemoteError(exception.GetType().FullName ?? "", rpc.Message));
        }

        // Task-based plugin code may wrap the real failure.
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            return FromException(aggregate.InnerExceptions[0]);
        }

        var type = exception.GetType().FullName ?? exception.GetType().Name;
        if (exception is PluginException plugin)
        {
            return (RpcErrorCodes.PluginFailed, plugin.Message, new RemoteError(type, plugin.Message, exception.ToString(), plugin.IsTransient, plugin.Code));
        }

        return (RpcErrorCodes.PluginThrew, exception.Message, new RemoteError(type, exception.Message, exception.ToString()));
    }
}
