namespace Editing.Host.Protocol;

/// <summary>
/// A protocol error with its JSON-RPC code: thrown by a request handler to answer with that error, and by
/// <see cref="JsonRpcConnection"/> when the other side answers a request with an error.
/// </summary>
internal sealed class RpcErrorException : Exception
{
    public RpcErrorException(int code, string message, RemoteError? data = null)
        : base(message)
    {
        Code = code;
        Details = data;
    }

    /// <summary>The JSON-RPC error code (<see cref="RpcErrorCodes"/>).</summary>
    public int Code { get; }

    /// <summary>Details of a plugin failure, or null.</summary>
    public RemoteError? Details { get; }
}
