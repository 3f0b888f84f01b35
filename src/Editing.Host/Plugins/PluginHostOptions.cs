using Editing.Sdk.Media;

namespace Editing.Host.Plugins;

/// <summary>How a <see cref="PluginHost"/> runs plugins.</summary>
public sealed record PluginHostOptions
{
    /// <summary>The environment variable that points at <c>Editing.Worker.dll</c> (or its folder) when it is not next to
    /// the host.</summary>
    public const string WorkerEnvironmentVariable = "EDITING_WORKER";

    /// <summary>Which plugins asking to run in process may do so; default <see cref="Plugins.InProcessPolicy.BuiltInOnly"/>.</summary>
    public InProcessPolicy InProcessPolicy { get; init; } = InProcessPolicy.BuiltInOnly;

    /// <summary>Runs every plugin this way whatever plugin.json says (tests, debugging a plugin in process); null to
    /// follow plugin.json and <see cref="InProcessPolicy"/>.</summary>
    public PluginRuntime? ForceRuntime { get; init; }

    /// <summary>Limit for starting a plugin (worker start-up, load, <c>initialize</c>) and for <c>describe</c>; null for
    /// the plugin's <c>describeSeconds</c>, else 30 s.</summary>
    public TimeSpan? DescribeTimeout { get; init; }

    /// <summary>Limit for <c>tool.validate</c> and <c>provider.validate</c>; default 30 s.</summary>
    public TimeSpan ValidateTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for a tool run or a generation when the call does not set one; null for the plugin's
    /// <c>runSeconds</c>, else <see cref="DefaultRunTimeout"/>.</summary>
    public TimeSpan? RunTimeout { get; init; }

    /// <summary>Limit for a run when neither the call, the host nor the plugin sets one; default one hour.</summary>
    public TimeSpan DefaultRunTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a plugin has to stop after a timeout or a cancellation before its worker is killed;
    /// default 2 s.</summary>
    public TimeSpan CancellationGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Path of <c>Editing.Worker.dll</c>; null for <c>$EDITING_WORKER</c>, else the file next to the host
    /// (<see cref="AppContext.BaseDirectory"/> or the folder of <c>Editing.Host.dll</c>).</summary>
    public string? WorkerPath { get; init; }

    /// <summary>
    /// The media services plugins get: a type implementing <see cref="IMediaServices"/> with a public parameterless
    /// constructor. In-process plugins share one instance (unless <see cref="MediaServicesFactory"/> is set); each
    /// worker loads the type's assembly and creates its own. Null: every media call throws
    /// <see cref="NotSupportedException"/>.
    /// </summary>
    public Type? MediaServicesType { get; init; }

    /// <summary>Creates the media services for in-process plugins (e.g. an instance configured by the caller); null
    /// to create <see cref="MediaServicesType"/>.</summary>
    public Func<IMediaServices>? MediaServicesFactory { get; init; }

    /// <summary>Receives each line a worker writes to stderr, with the plugin id (diagnostics, <c>--verbose</c>); the
    /// last lines are kept for crash messages either way.</summary>
    public Action<string, string>? WorkerStandardError { get; init; }

    /// <summary>The limit of one run or generation: the call's, else <see cref="RunTimeout"/>, else the plugin's
    /// <c>runSeconds</c>, else <see cref="DefaultRunTimeout"/>.</summary>
    internal TimeSpan RunTimeoutFor(PluginManifest manifest, TimeSpan? callTimeout) =>
        callTimeout ?? RunTimeout ?? manifest.Timeouts.Run ?? DefaultRunTimeout;

    /// <summary>The limit of start-up and <c>describe</c>: <see cref="DescribeTimeout"/>, else the plugin's
    /// <c>describeSeconds</c>, else 30 s.</summary>
    internal TimeSpan DescribeTimeoutFor(PluginManifest manifest) =>
        DescribeTimeout ?? manifest.Timeouts.Describe ?? TimeSpan.FromSeconds(30);
}
