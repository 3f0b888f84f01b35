using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Host.Plugins.Loading;

/// <summary>The <see cref="ProviderContext"/> of one generation.</summary>
internal sealed class CallProviderContext : ProviderContext
{
    private readonly CallServices _services;
    private readonly ProgressGate _progress;
    private readonly IReadOnlyDictionary<string, string> _secrets;

    public CallProviderContext(CallServices services, IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> secrets)
    {
        _services = services;
        _progress = new ProgressGate(services.Progress);
        Settings = settings;
        _secrets = secrets;
    }

    public override IReadOnlyDictionary<string, string> Settings { get; }

    public override CancellationToken CancellationToken => _services.CancellationToken;

    public override IPluginLogger Logger => _services.Logger;

    public override string ScratchDirectory => _services.ScratchDirectory;

    public override IMediaServices Media => _services.Media;

    public override string? GetSecret(string name) => _secrets.GetValueOrDefault(name);

    public override void ReportProgress(double fraction, string? message = null) => _progress.Report(fraction, message);
}
