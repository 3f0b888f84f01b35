using System.Text.Json.Nodes;
using Editing.Sdk;

namespace Editing.Providers.ComfyUI.Templates;

/// <summary>Sets parameter values on the nodes of an API-format graph by node title (see <see cref="Binding"/>).</summary>
internal static class WorkflowBinder
{
    /// <summary>The parameter names bound somewhere in <paramref name="graph"/>.</summary>
    public static HashSet<string> BoundNames(JsonObject graph) =>
        Tokens(graph).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Ids of the nodes whose title binds <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> NodesFor(JsonObject graph, string name) =>
        Tokens(graph).Where(t => t.Name == name).Select(t => t.NodeId).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Writes <paramref name="value"/> into every node bound to <paramref name="name"/>; returns how many inputs were
    /// set. An input that holds a link (<c>["node", index]</c>) is never overwritten.
    /// </summary>
    /// <exception cref="PluginException">A node titled for the parameter has none of the inputs it can take.</exception>
    public static int Bind(JsonObject graph, string name, JsonNode value, string workflowPath)
    {
        var count = 0;
        foreach (var token in Tokens(graph).Where(t => t.Name == name))
        {
            var inputs = (JsonObject)graph[token.NodeId]!["inputs"]!;
            var candidates = token.Input is { } explicitInput ? [explicitInput] : Binding.Inputs.GetValueOrDefault(name, []);
            var input = candidates.FirstOrDefault(c => inputs.ContainsKey(c) && inputs[c] is not JsonArray);
            if (input is null)
            {
                var classType = graph[token.NodeId]!["class_type"]?.ToString();
                throw new PluginException($"ComfyUI template {workflowPath}: node {token.NodeId} ({classType}) is titled {Binding.Prefix}{name} but has no input "
                    + $"{string.Join(" or ", candidates)} to set")
                { Code = "BAD_TEMPLATE" };
            }

            inputs[input] = value.DeepClone();
            count++;
        }

        return count;
    }

    private readonly record struct Token(string NodeId, string Name, string? Input);

    private static IEnumerable<Token> Tokens(JsonObject graph)
    {
        foreach (var (nodeId, node) in graph)
        {
            if (node?["_meta"]?["title"] is not JsonValue titleValue || !titleValue.TryGetValue<string>(out var title))
            {
                continue;
            }

            foreach (var word in title.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!word.StartsWith(Binding.Prefix, StringComparison.Ordinal) || word.Length == Binding.Prefix.Length)
                {
                    continue;
                }

                var rest = word[Binding.Prefix.Length..];
                var colon = rest.IndexOf(':', StringComparison.Ordinal);
                yield return colon < 0 ? new Token(nodeId, rest, null) : new Token(nodeId, rest[..colon], rest[(colon + 1)..]);
            }
        }
    }
}
