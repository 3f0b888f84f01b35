using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Host.Plugins;

/// <summary>
/// Generation for a tool run through <see cref="PluginHost"/>: the request goes to the chosen provider's plugin (in
/// its own worker, or in process) with the chosen model. Negotiation, caching, policy and conforming are the tool
/// runner's business and wrap this.
/// </summary>
internal sealed class HostProviderAccess : ProviderAccess
{
    private readonly PluginHost _host;
    private readonly ProviderRunOptions _options;

    public HostProviderAccess(PluginHost host, ProviderDescriptor selected, ModelCapabilities model, ProviderRunOptions options)
    {
        _host = host;
        Selected = selected;
        SelectedModel = model;
        _options = options;
    }

    public override ProviderDescriptor Selected { get; }

    public override ModelCapabilities SelectedModel { get; }

    public override Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var withModel = request.ModelId is null ? request with { ModelId = SelectedModel.ModelId } : request;
        return _host.GenerateAsync(Selected.Id, withModel, _options, cancellationToken);
    }
}
