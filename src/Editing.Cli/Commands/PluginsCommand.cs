using System.CommandLine;
using System.Text.Json;
using Editing.Host.Plugins;

namespace Editing.Cli.Commands;

/// <summary><c>editing plugins list|describe|doctor</c>: what is installed, what it provides, and why one does not load.</summary>
internal static class PluginsCommand
{
    public static Command Create()
    {
        var cmd = new Command("plugins", "Installed plugins: list them, describe one, or diagnose load problems (doctor).");
        cmd.Subcommands.Add(List());
        cmd.Subcommands.Add(Describe());
        cmd.Subcommands.Add(Doctor());
        return cmd;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON." };
        var cmd = new Command("list", "Every plugin found on the search path, with its status.") { json };
        cmd.SetAction(parse => CliErrors.Run(() =>
        {
            var catalog = PluginCatalog.Discover();
            if (parse.GetValue(json))
            {
                WriteJson(w =>
                {
                    w.WriteStartArray();
                    foreach (var p in catalog.Plugins)
                    {
                        WritePlugin(w, p);
                    }

                    w.WriteEndArray();
                });
                return ExitCodes.Ok;
            }

            foreach (var p in catalog.Plugins)
            {
                var m = p.Manifest;
                Console.Out.WriteLine($"{p.Id,-32} {m?.Version.ToString() ?? "-",-8} {Source(p.Source),-8} {(m is null ? "-" : Runtime(m.Runtime)),-8} {p.Status.ToString().ToLowerInvariant(),-8} {p.Directory}");
            }

            Console.Out.WriteLine($"{catalog.Plugins.Count} plugin(s); tools: {string.Join(", ", catalog.ToolIds)}; providers: {string.Join(", ", catalog.ProviderIds)}");
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static Command Describe()
    {
        var id = new Argument<string>("id") { Description = "The plugin id (e.g. editing.previs)." };
        var json = new Option<bool>("--json") { Description = "Print the description as JSON." };
        var cmd = new Command("describe", "A plugin's manifest and the tools and providers it describes (starts it).") { id, json };
        cmd.SetAction(parse => CliErrors.Run(() =>
        {
            return Async.Run(async ct =>
            {
                await using var session = HostSession.Open();
                var entry = session.Catalog.Find(parse.GetValue(id)!)
                    ?? throw new UsageException($"no plugin '{parse.GetValue(id)}' is installed (installed: {string.Join(", ", session.Catalog.Plugins.Select(p => p.Id))})");
                var plugin = session.Host.GetPlugin(entry.Id);
                var description = await plugin.DescribeAsync(ct).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    WriteJson(w =>
                    {
                        w.WriteStartObject();
                        w.WritePropertyName("plugin");
                        WritePlugin(w, entry);
                        w.WritePropertyName("tools");
                        JsonSerializer.Serialize(w, description.Tools, Editing.Sdk.SdkJson.Options);
                        w.WritePropertyName("providers");
                        JsonSerializer.Serialize(w, description.Providers, Editing.Sdk.SdkJson.Options);
                        w.WriteEndObject();
                    });
                    return ExitCodes.Ok;
                }

                var m = entry.Manifest!;
                Console.Out.WriteLine($"{m.Id} {m.Version} ({Source(entry.Source)}, runs {Runtime(session.Host.RuntimeOf(entry))}, SDK {m.Sdk})");
                Console.Out.WriteLine($"  folder: {entry.Directory}");
                foreach (var t in description.Tools)
                {
                    Console.Out.WriteLine($"  tool {t.Id} {t.Version}: {t.DisplayName} ({t.Schema.Parameters.Count} parameters)");
                }

                foreach (var p in description.Providers)
                {
                    Console.Out.WriteLine($"  provider {p.Id} {p.Version}: {p.DisplayName}; models: {string.Join(", ", p.Models.Select(x => x.ModelId))}");
                }

                return ExitCodes.Ok;
            });
        }));
        return cmd;
    }

    private static Command Doctor()
    {
        var json = new Option<bool>("--json") { Description = "Print the diagnosis as JSON." };
        var cmd = new Command("doctor", "Search path, each plugin's load status and why; starts every usable plugin once. Exit 4 when any plugin fails.") { json };
        cmd.SetAction(parse => CliErrors.Run(() => Async.Run(async ct =>
        {
            await using var session = HostSession.Open();
            var results = new List<(PluginEntry Entry, string Status, string Detail)>();
            foreach (var entry in session.Catalog.Plugins)
            {
                if (!entry.IsUsable)
                {
                    results.Add((entry, entry.Status.ToString().ToLowerInvariant(), entry.Reason ?? ""));
                    continue;
                }

                try
                {
                    var d = await session.Host.GetPlugin(entry.Id).DescribeAsync(ct).ConfigureAwait(false);
                    results.Add((entry, "ok", $"runs {Runtime(session.Host.RuntimeOf(entry))}; {d.Tools.Count} tool(s), {d.Providers.Count} provider(s)"));
                }
                catch (PluginCallException e)
                {
                    results.Add((entry, "failed", e.Message));
                }
            }

            var bad = results.Count(r => r.Status != "ok" && r.Status != "shadowed");
            if (parse.GetValue(json))
            {
                WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("sdk", Editing.Sdk.SdkVersion.Text);
                    w.WriteStartArray("search_path");
                    foreach (var l in session.Catalog.SearchPath)
                    {
                        w.WriteStartObject();
                        w.WriteString("path", l.Path);
                        w.WriteString("source", Source(l.Source));
                        w.WriteBoolean("exists", l.Exists);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteStartArray("plugins");
                    foreach (var (entry, status, detail) in results)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", entry.Id);
                        w.WriteString("directory", entry.Directory);
                        w.WriteString("status", status);
                        w.WriteString("detail", detail);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else
            {
                Console.Out.WriteLine($"SDK {Editing.Sdk.SdkVersion.Text}; search path:");
                foreach (var l in session.Catalog.SearchPath)
                {
                    Console.Out.WriteLine($"  {Source(l.Source),-8} {l.Path}{(l.Exists ? "" : " (missing)")}");
                }

                foreach (var (entry, status, detail) in results)
                {
                    Console.Out.WriteLine($"{status,-8} {entry.Id}: {detail}");
                }

                Console.Out.WriteLine(bad == 0 ? "all plugins load" : $"{bad} plugin(s) cannot be used");
            }

            return bad == 0 ? ExitCodes.Ok : ExitCodes.ToolFailed;
        })));
        return cmd;
    }

    internal static string Source(PluginSource source) => source switch
    {
        PluginSource.BuiltIn => "built-in",
        PluginSource.User => "user",
        _ => "env",
    };

    internal static string Runtime(PluginRuntime runtime) => runtime == PluginRuntime.InProcess ? "inproc" : "process";

    private static void WritePlugin(Utf8JsonWriter w, PluginEntry p)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteString("version", p.Manifest?.Version.ToString());
        w.WriteString("source", Source(p.Source));
        w.WriteString("runtime", p.Manifest is null ? null : Runtime(p.Manifest.Runtime));
        w.WriteString("status", p.Status.ToString().ToLowerInvariant());
        w.WriteString("reason", p.Reason);
        w.WriteString("directory", p.Directory);
        w.WriteStartArray("tools");
        foreach (var t in p.Manifest?.Tools ?? [])
        {
            w.WriteStringValue(t);
        }

        w.WriteEndArray();
        w.WriteStartArray("providers");
        foreach (var t in p.Manifest?.Providers ?? [])
        {
            w.WriteStringValue(t);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static void WriteJson(Action<Utf8JsonWriter> body)
    {
        using (var w = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true }))
        {
            body(w);
        }

        Console.Out.WriteLine();
    }
}
