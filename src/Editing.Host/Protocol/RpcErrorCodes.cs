namespace Editing.Host.Protocol;

/// <summary>JSON-RPC error codes of the worker protocol: the standard ones and the plugin-specific range.</summary>
internal static class RpcErrorCodes
{
    /// <summary>The line was not JSON.</summary>
    public const int ParseError = -32700;

    /// <summary>The JSON was not a JSON-RPC request.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>Unknown method.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>Params missing or of the wrong shape.</summary>
    public const int InvalidParams = -32602;

    /// <summary>A bug in the worker or the host, not in the plugin.</summary>
    public const int InternalError = -32603;

    /// <summary>Plugin code threw an exception other than <c>PluginException</c>; data is a <see cref="RemoteError"/>.</summary>
    public const int PluginThrew = -32000;

    /// <summary>Plugin code threw <c>PluginException</c> (an expected failure, message for the editor); data is a
    /// <see cref="RemoteError"/>.</summary>
    public const int PluginFailed = -32001;

    /// <summary>The plugin has no tool or provider with the requested id.</summary>
    public const int UnknownTarget = -32002;

    /// <summary>The plugin could not be loaded (missing assembly, ids not matching plugin.json, SDK mismatch).</summary>
    public const int LoadFailed = -32003;

    /// <summary>The parameter values do not satisfy the tool's control schema; data lists the issues.</summary>
    public const int InvalidParameters = -32004;

    /// <summary>A call arrived before <c>initialize</c> succeeded.</summary>
    public const int NotInitialized = -32005;

    /// <summary>The request was cancelled (<c>$/cancelRequest</c>) before it finished.</summary>
    public const int RequestCancelled = -32800;
}
