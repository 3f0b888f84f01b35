using Editing.Sdk;

namespace Editing.Providers.Remote;

/// <summary>What went wrong with a remote generation, independent of the vendor.</summary>
internal enum RemoteFailure
{
    /// <summary>The provider's settings or secrets are missing or invalid (fix the configuration).</summary>
    Configuration,

    /// <summary>The vendor refused the API key (401/403 on an API call).</summary>
    Authentication,

    /// <summary>The vendor refused the request as invalid (400, 404, 422...): fix the input, do not retry.</summary>
    BadRequest,

    /// <summary>The vendor's moderation or safety filter refused the input or the output: change the prompt or images.</summary>
    Moderation,

    /// <summary>Too many requests or the quota is used up (429), still so after the retries.</summary>
    RateLimited,

    /// <summary>The vendor's server failed (5xx or an internal task failure), still so after the retries.</summary>
    Server,

    /// <summary>A request or the whole job took longer than its time limit.</summary>
    Timeout,

    /// <summary>The job was cancelled (by the editor, or on the vendor's side).</summary>
    Cancelled,

    /// <summary>The output URL answered 403/404/410: signed output URLs expire.</summary>
    ExpiredOutput,

    /// <summary>The vendor answered something that is not the documented protocol (malformed JSON, missing fields).</summary>
    MalformedResponse,

    /// <summary>The job failed for a reason the vendor reported.</summary>
    Failed,

    /// <summary>The network failed (connection refused, reset, DNS).</summary>
    Network,
}

/// <summary>
/// The one error remote providers throw: a <see cref="PluginException"/> (the SDK's provider failure) whose
/// <see cref="PluginException.Code"/> is the <see cref="RemoteFailure"/> in kebab case or the vendor's own failure code,
/// and whose <see cref="PluginException.IsTransient"/> says whether retrying later may help. Messages are built by
/// <see cref="RemoteClient"/> and providers from scrubbed text only: they never hold a secret.
/// </summary>
internal sealed class RemoteProviderException : PluginException
{
    public RemoteProviderException(RemoteFailure failure, string message, string? vendorCode = null)
        : base(message)
    {
        Failure = failure;
        VendorCode = vendorCode;
        Code = vendorCode ?? CodeOf(failure);
        IsTransient = failure is RemoteFailure.RateLimited or RemoteFailure.Server or RemoteFailure.Timeout or RemoteFailure.Network;
    }

    /// <summary>The kind of failure.</summary>
    public RemoteFailure Failure { get; }

    /// <summary>
    /// True when the vendor's job failed in a way its documentation says to retry as is (Runway <c>INTERNAL*</c>): the
    /// whole job is created again, up to <c>max_attempts</c> times.
    /// </summary>
    public bool RetryJob { get; init; }

    /// <summary>The vendor's failure code (<c>SAFETY.INPUT.TEXT</c>), or null.</summary>
    public string? VendorCode { get; }

    /// <summary><c>rate-limited</c>, <c>expired-output</c>...</summary>
    public static string CodeOf(RemoteFailure failure)
    {
        var name = failure.ToString();
        var b = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                b.Append('-');
            }

            b.Append(char.ToLowerInvariant(name[i]));
        }

        return b.ToString();
    }
}
