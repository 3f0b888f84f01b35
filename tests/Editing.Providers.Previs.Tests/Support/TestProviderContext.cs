using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Previs.Tests.Support;

/// <summary>A provider context as the host would give one: real media services, a scratch folder, recorded progress.</summary>
internal sealed class TestProviderContext(IMediaServices media, string scratchDirectory, CancellationToken cancellationToken = default,
    IReadOnlyDictionary<string, string>? settings = null) : ProviderContext
{
    private readonly Lock _gate = new();

    public List<(double Fraction, string? Message)> Progress { get; } = [];

    public List<(PluginLogLevel Level, string Message)> Logs { get; } = [];

    public override CancellationToken CancellationToken { get; } = cancellationToken;

    public override IPluginLogger Logger => new ListLogger(this);

    public override string ScratchDirectory { get; } = scratchDirectory;

    public override IMediaServices Media { get; } = media;

    public override IReadOnlyDictionary<string, string> Settings { get; } = settings ?? new Dictionary<string, string>();

    public override string? GetSecret(string name) => null;

    public override void ReportProgress(double fraction, string? message = null)
    {
        lock (_gate)
        {
            Progress.Add((fraction, message));
        }
    }

    private sealed class ListLogger(TestProviderContext owner) : IPluginLogger
    {
        public void Log(PluginLogLevel level, string message)
        {
            lock (owner._gate)
            {
                owner.Logs.Add((level, message));
            }
        }
    }
}
