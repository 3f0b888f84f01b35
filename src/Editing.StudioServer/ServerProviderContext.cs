using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Microsoft.Extensions.Logging;

namespace Editing.StudioServer;

/// <summary>What the served model gets for one job: the job's folder, the host's media services, progress into the job.</summary>
internal sealed class ServerProviderContext(StudioJob job, IMediaServices media, string scratch, ILogger logger) : ProviderContext
{
    public override CancellationToken CancellationToken => job.Cancellation.Token;

    public override IPluginLogger Logger { get; } = new JobLogger(job.Id, logger);

    public override string ScratchDirectory => scratch;

    public override IMediaServices Media => media;

    public override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public override void ReportProgress(double fraction, string? message = null) => job.Report(fraction, message);

    public override string? GetSecret(string name) => null;

    private sealed class JobLogger(string jobId, ILogger logger) : IPluginLogger
    {
        public void Log(PluginLogLevel level, string message) =>
            logger.Log(level switch
            {
                PluginLogLevel.Debug => LogLevel.Debug,
                PluginLogLevel.Warning => LogLevel.Warning,
                PluginLogLevel.Error => LogLevel.Error,
                _ => LogLevel.Information,
            }, "job {JobId}: {Message}", jobId, message);
    }
}
