using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Tools;

namespace Editing.Host.Plugins.Loading;

/// <summary>The <see cref="ToolContext"/> of one tool call.</summary>
internal sealed class CallToolContext : ToolContext
{
    private readonly CallServices _services;
    private readonly ProgressGate _progress;

    public CallToolContext(CallServices services, ProviderAccess providers)
    {
        _services = services;
        _progress = new ProgressGate(services.Progress);
        Providers = providers;
    }

    public override ProviderAccess Providers { get; }

    public override CancellationToken CancellationToken => _services.CancellationToken;

    public override IPluginLogger Logger => _services.Logger;

    public override string ScratchDirectory => _services.ScratchDirectory;

    public override IMediaServices Media => _services.Media;

    public override void ReportProgress(double fraction, string? message = null) => _progress.Report(fraction, message);
}
