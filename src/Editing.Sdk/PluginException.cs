namespace Editing.Sdk;

/// <summary>
/// The one exception plugins throw for expected failures (a vendor refused a prompt, a server is down). The message is
/// shown to the editor as is, so say what failed and what to do; never include secrets.
/// </summary>
public class PluginException : Exception
{
    /// <summary>Creates a failure.</summary>
    public PluginException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a failure with its cause.</summary>
    public PluginException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when retrying the same call later may succeed (rate limits, timeouts, 5xx).</summary>
    public bool IsTransient { get; init; }

    /// <summary>A short machine-readable code (<c>SAFETY.INPUT.TEXT</c>, <c>THROTTLED</c>), or null.</summary>
    public string? Code { get; init; }
}
