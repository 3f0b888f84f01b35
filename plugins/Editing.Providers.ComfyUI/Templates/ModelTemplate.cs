using System.Text.Json.Nodes;
using Editing.Sdk.Providers;

namespace Editing.Providers.ComfyUI.Templates;

/// <summary>One model as the provider offers it: its capabilities and a workflow file per kind.</summary>
/// <param name="Capabilities">What the host negotiates against.</param>
/// <param name="Workflows">Workflow kind (<see cref="WorkflowKind"/>) → absolute path of the API-format JSON.</param>
/// <param name="DescriptorPath">The descriptor file, for messages.</param>
internal sealed record ModelTemplate(ModelCapabilities Capabilities, IReadOnlyDictionary<string, string> Workflows, string DescriptorPath)
{
    /// <summary>A fresh, mutable copy of a workflow's graph.</summary>
    public JsonObject LoadWorkflow(string kind) => TemplateCatalog.ReadWorkflow(Workflows[kind]);
}
