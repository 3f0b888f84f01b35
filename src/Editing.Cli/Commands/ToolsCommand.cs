using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Sdk.Tools;

namespace Editing.Cli.Commands;

/// <summary><c>editing tools list|describe ID [--json]</c>: the tools installed plugins provide and their parameters.</summary>
internal static class ToolsCommand
{
    public static Command Create()
    {
        var cmd = new Command("tools", "Tools provided by installed plugins: list them or describe one's parameters.");
        cmd.Subcommands.Add(List());
        cmd.Subcommands.Add(Describe());
        return cmd;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print the tools as JSON." };
        var cmd = new Command("list", "Every tool, its version, plugin and what it applies to.") { json };
        cmd.SetAction(parse => CliErrors.Run(() => Async.Run(async ct =>
        {
            await using var session = HostSession.Open();
            var tools = new List<(ToolDescriptor Tool, string Plugin)>();
            foreach (var id in session.Catalog.ToolIds)
            {
                tools.Add((await session.Host.DescribeToolAsync(id, ct).ConfigureAwait(false), session.Catalog.FindTool(id)!.Id));
            }

            if (parse.GetValue(json))
            {
                PluginsCommand.WriteJson(w =>
                {
                    w.WriteStartArray();
                    foreach (var (t, plugin) in tools)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", t.Id);
                        w.WriteString("version", t.Version.ToString());
                        w.WriteString("plugin", plugin);
                        w.WriteString("name", t.DisplayName);
                        w.WriteString("description", t.Description);
                        w.WritePropertyName("applications");
                        JsonSerializer.Serialize(w, t.Applications, Editing.Sdk.SdkJson.Options);
                        w.WritePropertyName("targets");
                        JsonSerializer.Serialize(w, t.Targets, Editing.Sdk.SdkJson.Options);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
                return ExitCodes.Ok;
            }

            foreach (var (t, plugin) in tools)
            {
                Console.Out.WriteLine($"{t.Id,-22} {t.Version,-7} {string.Join(",", t.Applications.Select(Kebab)),-24} {t.Description}");
            }

            return ExitCodes.Ok;
        })));
        return cmd;
    }

    private static Command Describe()
    {
        var id = new Argument<string>("id") { Description = "The tool id (e.g. editing.extend)." };
        var json = new Option<bool>("--json") { Description = "Print the parameters as JSON Schema 2020-12 with x-editing-* UI hints." };
        var cmd = new Command("describe", "A tool's parameters: types, defaults, ranges and units.") { id, json };
        cmd.SetAction(parse => CliErrors.Run(() => Async.Run(async ct =>
        {
            await using var session = HostSession.Open();
            var tool = await session.Host.DescribeToolAsync(parse.GetValue(id)!, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                var schema = JsonNode.Parse(tool.Schema.ToJsonSchema())!.AsObject();
                var document = new JsonObject
                {
                    ["$schema"] = schema["$schema"]?.DeepClone(),
                    ["$id"] = $"urn:editing:tool:{tool.Id}:{tool.Version}",
                    ["title"] = tool.DisplayName.Length > 0 ? tool.DisplayName : tool.Id,
                    ["description"] = tool.Description,
                    ["x-editing-tool"] = JsonSerializer.SerializeToNode(new
                    {
                        id = tool.Id,
                        version = tool.Version.ToString(),
                        applications = tool.Applications,
                        targets = tool.Targets,
                        inputs = tool.Inputs,
                        provider_modes = tool.ProviderModes,
                        deterministic = tool.Deterministic,
                    }, Editing.Sdk.SdkJson.Options),
                };
                foreach (var (key, value) in schema)
                {
                    if (key is not "$schema" and not "title" and not "description")
                    {
                        document[key] = value?.DeepClone();
                    }
                }

                Console.Out.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine($"{tool.Id} {tool.Version}: {tool.DisplayName}");
            if (tool.Description.Length > 0)
            {
                Console.Out.WriteLine($"  {tool.Description}");
            }

            Console.Out.WriteLine($"  applies to: {string.Join(", ", tool.Targets.Select(Kebab))} ({string.Join(", ", tool.Applications.Select(Kebab))})");
            Console.Out.WriteLine("  parameters (--param id=value):");
            foreach (var p in tool.Schema.Parameters)
            {
                var def = p.DefaultValue is { } d ? " default " + d.GetRawText() : p.Required ? " required" : "";
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {p.Id,-18} {p.TypeName,-13}{def}"));
                if (p.Description.Length > 0)
                {
                    Console.Out.WriteLine($"      {p.Description}");
                }
            }

            return ExitCodes.Ok;
        })));
        return cmd;
    }

    private static string Kebab<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
