using System.Text.Json;

namespace Editing.Host.Protocol;

/// <summary>What a <see cref="JsonRpcConnection"/> calls for the messages the other side sends.</summary>
internal interface IRpcTarget
{
    /// <summary>
    /// Answers one request. Runs on the thread pool, concurrently with other requests; the token is cancelled by
    /// <c>$/cancelRequest</c> or when the connection closes. The result is serialized with <c>SdkJson.Options</c>;
    /// throw <see cref="RpcErrorException"/> for a specific error code (any other exception becomes
    /// <see cref="RpcErrorCodes.PluginThrew"/> or <see cref="RpcErrorCodes.PluginFailed"/>).
    /// </summary>
    Task<object?> HandleRequestAsync(string method, JsonElement parameters, long id, CancellationToken cancellationToken);

    /// <summary>Handles one notification other than <c>$/cancelRequest</c>, on the reading thread, in arrival order.
    /// Must be quick and must not throw.</summary>
    void HandleNotification(string method, JsonElement parameters);
}
