using Editing.Providers.Previs;
using Editing.Sdk.Providers;

namespace Editing.StudioServer;

/// <summary>How the reference server runs. Command line: <c>--token</c>, <c>--work-dir</c>, <c>--max-jobs</c>,
/// <c>--private-capabilities</c> (also from the environment as <c>STUDIO_SERVER_TOKEN</c> etc.).</summary>
public sealed record StudioServerOptions
{
    /// <summary>The bearer token every job call must carry; null or empty for none (a server on this machine only).</summary>
    public string? Token { get; init; }

    /// <summary>Where inputs and results live (one folder per job); null for a new folder under the temp folder.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Jobs generating at the same time; the others wait as <c>queued</c>.</summary>
    public int MaxConcurrentJobs { get; init; } = 1;

    /// <summary>True to require the token for <c>GET /v1/capabilities</c> too.</summary>
    public bool PrivateCapabilities { get; init; }

    /// <summary>How long a result can be downloaded after its job succeeded.</summary>
    public TimeSpan ResultLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The models served, each an <see cref="IModelProvider"/> (its descriptor's models are listed; the first is the
    /// default). This is where a studio puts its own model.
    /// </summary>
    public IReadOnlyList<IModelProvider> Providers { get; init; } = [new PrevisProvider()];
}
