using Editing.Host.Protocol;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Host.Plugins.Loading;

/// <summary>
/// Runs the protocol's calls against a <see cref="LoadedPlugin"/>. The worker and the in-process host both go through
/// here, so a plugin sees the same checks in either mode: parameters are checked against the tool's control schema and
/// normalized (defaults filled in, canonical form) before the tool sees them, and a run is refused, with every issue,
/// when validation finds errors.
/// </summary>
internal sealed class PluginDispatcher
{
    private readonly LoadedPlugin _plugin;

    public PluginDispatcher(LoadedPlugin plugin) => _plugin = plugin;

    public LoadedPlugin Plugin => _plugin;

    public DescribeResult Describe() =>
        new(_plugin.Tools.Values.Select(t => t.Descriptor).ToList(), _plugin.Providers.Values.Select(p => p.Descriptor).ToList());

    /// <summary>Schema issues; when there are no schema errors, also the tool's own issues on normalized values.</summary>
    public IReadOnlyList<ValidationIssue> ValidateTool(string toolId, ClipContext clip, ControlValues values)
    {
        var tool = FindTool(toolId);
        var schema = tool.Descriptor.Schema;
        var issues = schema.Validate(values).ToList();
        if (!issues.Any(IsError))
        {
            issues.AddRange(tool.Validate(clip, schema.Normalize(values)) ?? []);
        }

        return issues;
    }

    /// <summary>Validates, then runs the tool with normalized values.</summary>
    /// <exception cref="RpcErrorException"><see cref="RpcErrorCodes.InvalidParameters"/> with every issue.</exception>
    public async Task<ToolResult> RunToolAsync(string toolId, ClipContext clip, ControlValues values, ToolContext context, CancellationToken cancellationToken)
    {
        var issues = ValidateTool(toolId, clip, values);
        if (issues.Any(IsError))
        {
            var errors = issues.Where(IsError).ToList();
            var message = $"tool {toolId} refused the request: {string.Join("; ", errors)}";
            throw new RpcErrorException(RpcErrorCodes.InvalidParameters, message, new RemoteError("InvalidParameters", message, Issues: issues));
        }

        var tool = FindTool(toolId);
        var normalized = tool.Descriptor.Schema.Normalize(values);
        return await tool.RunAsync(clip, normalized, context, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"tool {toolId} returned no result");
    }

    public IReadOnlyList<ValidationIssue> ValidateGeneration(string providerId, GenerationRequest request) =>
        FindProvider(providerId).Validate(request) ?? [];

    /// <summary>Generates; fills in the provider id and version when the provider left them empty.</summary>
    public async Task<GenerationResult> GenerateAsync(string providerId, GenerationRequest request, ProviderContext context, CancellationToken cancellationToken)
    {
        var provider = FindProvider(providerId);
        var result = await provider.GenerateAsync(request, context, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"provider {providerId} returned no result");
        if (result.ProviderId.Length == 0 || result.ProviderVersion.Length == 0)
        {
            var descriptor = provider.Descriptor;
            result = result with
            {
                ProviderId = result.ProviderId.Length == 0 ? descriptor.Id : result.ProviderId,
                ProviderVersion = result.ProviderVersion.Length == 0 ? descriptor.Version.ToString() : result.ProviderVersion,
            };
        }

        return result;
    }

    private IControllableTool FindTool(string toolId) =>
        _plugin.Tools.TryGetValue(toolId, out var tool)
            ? tool
            : throw new RpcErrorException(RpcErrorCodes.UnknownTarget,
                $"plugin {_plugin.PluginId} has no tool '{toolId}' (it has: {List(_plugin.Tools.Keys)})");

    private IModelProvider FindProvider(string providerId) =>
        _plugin.Providers.TryGetValue(providerId, out var provider)
            ? provider
            : throw new RpcErrorException(RpcErrorCodes.UnknownTarget,
                $"plugin {_plugin.PluginId} has no provider '{providerId}' (it has: {List(_plugin.Providers.Keys)})");

    private static string List(IEnumerable<string> ids) => ids.Any() ? string.Join(", ", ids) : "none";

    private static bool IsError(ValidationIssue issue) => issue.Severity == ValidationSeverity.Error;
}
