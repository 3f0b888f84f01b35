using System.Text.Json;
using Editing.Host.Protocol;
using Editing.Sdk;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Worker;

/// <summary>
/// A tool's provider access inside the worker: generation goes back to the host (<c>host.generate</c>), which
/// negotiates, caches, checks policy and routes the request to the provider's own plugin.
/// </summary>
internal sealed class RemoteProviderAccess : ProviderAccess
{
    private readonly JsonRpcConnection _connection;
    private readonly long _requestId;

    public RemoteProviderAccess(JsonRpcConnection connection, long requestId, SelectedProvider selected)
    {
        _connection = connection;
        _requestId = requestId;
        Selected = selected.Descriptor;
        SelectedModel = selected.Model;
    }

    public override ProviderDescriptor Selected { get; }

    public override ModelCapabilities SelectedModel { get; }

    public override async Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonElement answer;
        try
        {
            answer = await _connection.RequestAsync(WorkerMethods.HostGenerate, new HostGenerateParams(_requestId, request), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcErrorException e) when (e.Code == RpcErrorCodes.RequestCancelled)
        {
            throw new OperationCanceledException(e.Message, e, cancellationToken);
        }
        catch (RpcErrorException e)
        {
            throw new PluginException(e.Message) { IsTransient = e.Details?.Transient ?? false, Code = e.Details?.Code };
        }
        catch (ConnectionClosedException e)
        {
            throw new PluginException("generation failed: the host closed the connection", e);
        }

        return answer.Deserialize<GenerationResult>(SdkJson.Options)
            ?? throw new PluginException("generation failed: the host returned no result");
    }
}
