namespace Editing.Host.Protocol;

/// <summary>The other end of a <see cref="JsonRpcConnection"/> went away (end of stream or a broken pipe) before a
/// request was answered.</summary>
internal sealed class ConnectionClosedException : Exception
{
    public ConnectionClosedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
