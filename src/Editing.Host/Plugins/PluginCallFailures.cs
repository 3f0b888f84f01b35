using System.Globalization;
using Editing.Host.Protocol;

namespace Editing.Host.Plugins;

/// <summary>Builds every <see cref="PluginCallException"/>, so both runtimes word the same failure the same way.</summary>
internal static class PluginCallFailures
{
    public static string Call(string method, string? targetId) => targetId is null ? method : $"{method} of {targetId}";

    /// <summary>An error answer of the protocol (or its in-process equivalent) as the editor should read it.</summary>
    public static PluginCallException FromRemote(string pluginId, string method, string? targetId, RpcErrorException error)
    {
        var details = error.Details;
        var call = Call(method, targetId);
        return error.Code switch
        {
            RpcErrorCodes.PluginFailed => new PluginCallException(PluginFailureKind.PluginError, pluginId, method, targetId, error.Message)
            {
                IsTransient = details?.Transient ?? false,
                Code = details?.Code,
                PluginExceptionType = details?.Type,
                PluginStackTrace = details?.StackTrace,
            },
            RpcErrorCodes.PluginThrew => new PluginCallException(PluginFailureKind.Threw, pluginId, method, targetId,
                $"plugin {pluginId} threw {ShortName(details?.Type)} during {call}: {error.Message}")
            {
                PluginExceptionType = details?.Type,
                PluginStackTrace = details?.StackTrace,
            },
            RpcErrorCodes.InvalidParameters => new PluginCallException(PluginFailureKind.InvalidRequest, pluginId, method, targetId, error.Message)
            {
                Issues = details?.Issues ?? [],
            },
            RpcErrorCodes.UnknownTarget => new PluginCallException(PluginFailureKind.NotAvailable, pluginId, method, targetId, error.Message),
            RpcErrorCodes.LoadFailed => new PluginCallException(PluginFailureKind.LoadFailed, pluginId, method, targetId,
                $"plugin {pluginId} could not be loaded: {error.Message}"),
            _ => new PluginCallException(PluginFailureKind.ProtocolError, pluginId, method, targetId,
                $"plugin {pluginId}'s worker refused {call}: {error.Message} (code {error.Code.ToString(CultureInfo.InvariantCulture)})"),
        };
    }

    public static PluginCallException TimedOut(string pluginId, string method, string? targetId, TimeSpan limit, string consequence) =>
        new(PluginFailureKind.TimedOut, pluginId, method, targetId,
            $"plugin {pluginId} timed out after {Seconds(limit)} during {Call(method, targetId)}; {consequence}");

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string ShortName(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return "an exception";
        }

        var dot = type.LastIndexOf('.');
        var plus = type.LastIndexOf('+');
        return type[(Math.Max(dot, plus) + 1)..];
    }
}
