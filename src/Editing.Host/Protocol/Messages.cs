using System.Text.Json;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

// The params and results of the worker protocol (see WorkerMethods), kept together because they are one
// specification. Property names go over the wire in snake_case (SdkJson.Options).
namespace Editing.Host.Protocol;

/// <summary><c>initialize</c>: which plugin this worker hosts and what the host expects.</summary>
/// <param name="PluginId">The plugin's id from plugin.json (used in messages).</param>
/// <param name="PluginDirectory">Absolute path of the plugin folder.</param>
/// <param name="Entry">The entry assembly, relative to <paramref name="PluginDirectory"/>.</param>
/// <param name="Tools">Tool ids plugin.json declares; the assembly must implement exactly these.</param>
/// <param name="Providers">Provider ids plugin.json declares; the assembly must implement exactly these.</param>
/// <param name="HostSdkVersion">The SDK version the host was built with; the worker refuses a different one.</param>
/// <param name="MediaServices">The media services type to instantiate in the worker, or null for none.</param>
internal sealed record InitializeParams(
    string PluginId,
    string PluginDirectory,
    string Entry,
    IReadOnlyList<string> Tools,
    IReadOnlyList<string> Providers,
    string HostSdkVersion,
    MediaServicesSpec? MediaServices);

/// <summary>A type implementing <c>IMediaServices</c> with a public parameterless constructor, by assembly file.</summary>
/// <param name="AssemblyPath">Absolute path of the assembly that defines the type.</param>
/// <param name="TypeName">The type's full name.</param>
internal sealed record MediaServicesSpec(string AssemblyPath, string TypeName);

/// <summary><c>initialize</c> result.</summary>
/// <param name="SdkVersion">The SDK version loaded in the worker.</param>
/// <param name="ProcessId">The worker's process id.</param>
/// <param name="Runtime">The .NET runtime description of the worker.</param>
internal sealed record InitializeResult(string SdkVersion, int ProcessId, string Runtime);

/// <summary><c>describe</c> result: every tool and provider descriptor, full control schemas included.</summary>
internal sealed record DescribeResult(IReadOnlyList<ToolDescriptor> Tools, IReadOnlyList<ProviderDescriptor> Providers);

/// <summary><c>tool.validate</c> params.</summary>
/// <param name="ToolId">The tool.</param>
/// <param name="Clip">The clip or gap snapshot.</param>
/// <param name="Values">The parameter values as a JSON object of id: value.</param>
internal sealed record ToolValidateParams(string ToolId, ClipContext Clip, JsonElement Values);

/// <summary><c>tool.validate</c> and <c>provider.validate</c> result: every issue at once.</summary>
internal sealed record ValidateResult(IReadOnlyList<ValidationIssue> Issues);

/// <summary><c>tool.run</c> params.</summary>
/// <param name="ToolId">The tool.</param>
/// <param name="Clip">The clip or gap snapshot.</param>
/// <param name="Values">The parameter values as a JSON object of id: value.</param>
/// <param name="ScratchDirectory">The call's scratch folder (created by the host).</param>
/// <param name="Provider">The chosen provider and model, or null when none was chosen.</param>
internal sealed record ToolRunParams(string ToolId, ClipContext Clip, JsonElement Values, string ScratchDirectory, SelectedProvider? Provider);

/// <summary>The provider and model chosen for a tool call; generation goes back to the host (<c>host.generate</c>).</summary>
internal sealed record SelectedProvider(ProviderDescriptor Descriptor, ModelCapabilities Model);

/// <summary><c>provider.validate</c> params.</summary>
internal sealed record ProviderValidateParams(string ProviderId, GenerationRequest Request);

/// <summary><c>provider.generate</c> params. Secrets travel only on the worker's private stdin pipe and are never
/// logged.</summary>
internal sealed record ProviderGenerateParams(
    string ProviderId,
    GenerationRequest Request,
    string ScratchDirectory,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, string> Secrets);

/// <summary><c>host.generate</c> params (worker → host).</summary>
/// <param name="RequestId">The id of the <c>tool.run</c> request the generation belongs to.</param>
/// <param name="Request">The generation request.</param>
internal sealed record HostGenerateParams(long RequestId, GenerationRequest Request);

/// <summary><c>progress</c> notification (worker → host).</summary>
/// <param name="RequestId">The id of the call reporting progress.</param>
/// <param name="Fraction">0..1 of the call, never decreasing.</param>
/// <param name="Message">What is happening, or null to keep the last message.</param>
internal sealed record ProgressParams(long RequestId, double Fraction, string? Message);

/// <summary><c>log</c> notification (worker → host).</summary>
internal sealed record LogParams(long RequestId, PluginLogLevel Level, string Message);

/// <summary><c>$/cancelRequest</c> notification.</summary>
/// <param name="Id">The id of the request to cancel.</param>
internal sealed record CancelParams(long Id);
