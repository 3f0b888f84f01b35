using Editing.Host.Plugins;
using Editing.Sdk.Versioning;

namespace Editing.Host.Tests.Plugins;

public sealed class PluginDiscoveryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Writes a plugin folder with a plugin.json (and, unless told otherwise, an empty entry file: discovery
    /// never loads it).</summary>
    private string Plugin(string folder, string id, string sdk = "^1.0", string[]? tools = null, string[]? providers = null, bool withEntry = true)
    {
        var directory = _temp.Combine(folder.Split('/'));
        Directory.CreateDirectory(directory);
        var toolList = string.Join(", ", (tools ?? [id + ".tool"]).Select(t => $"\"{t}\""));
        var providerList = string.Join(", ", (providers ?? []).Select(t => $"\"{t}\""));
        File.WriteAllText(Path.Combine(directory, "plugin.json"),
            $$"""{"id": "{{id}}", "version": "1.0.0", "sdk": "{{sdk}}", "entry": "Plugin.dll", "tools": [{{toolList}}], "providers": [{{providerList}}]}""");
        if (withEntry)
        {
            File.WriteAllText(Path.Combine(directory, "Plugin.dll"), "");
        }

        return directory;
    }

    private string Folder(string name)
    {
        var path = _temp.Combine(name.Split('/'));
        Directory.CreateDirectory(path);
        return path;
    }

    [Fact]
    public void Searches_built_in_then_user_then_each_environment_entry()
    {
        Plugin("builtin/b", "test.builtin");
        Plugin("user/u", "test.user");
        var single = Plugin("env1", "test.single");
        Plugin("env2/z", "test.zulu");
        Plugin("env2/a", "test.alpha");
        Folder("env2/not-a-plugin");
        var options = new PluginDiscoveryOptions
        {
            BuiltInDirectory = Path.Combine(_temp.Path, "builtin"),
            UserDirectory = Path.Combine(_temp.Path, "user"),
            EnvironmentPath = string.Join(Path.PathSeparator, single, "", Path.Combine(_temp.Path, "env2"), Path.Combine(_temp.Path, "absent")),
        };

        var catalog = PluginCatalog.Discover(options);

        Assert.Equal(["test.builtin", "test.user", "test.single", "test.alpha", "test.zulu"], catalog.Plugins.Select(p => p.Id));
        Assert.Equal(
            [PluginSource.BuiltIn, PluginSource.User, PluginSource.EnvironmentPath, PluginSource.EnvironmentPath, PluginSource.EnvironmentPath],
            catalog.Plugins.Select(p => p.Source));
        Assert.All(catalog.Plugins, p => Assert.Equal(PluginStatus.Ok, p.Status));
        Assert.Equal(
            [(Path.Combine(_temp.Path, "builtin"), true), (Path.Combine(_temp.Path, "user"), true), (single, true), (Path.Combine(_temp.Path, "env2"), true), (Path.Combine(_temp.Path, "absent"), false)],
            catalog.SearchPath.Select(l => (l.Path, l.Exists)));
    }

    [Fact]
    public void The_first_plugin_with_an_id_wins_and_the_other_names_both_folders()
    {
        var first = Plugin("builtin/relight", "com.studio.relight");
        var second = Plugin("env/relight-copy", "com.studio.relight");

        var catalog = PluginCatalog.Discover(new PluginDiscoveryOptions
        {
            BuiltInDirectory = Path.Combine(_temp.Path, "builtin"),
            UserDirectory = null,
            EnvironmentPath = Path.Combine(_temp.Path, "env"),
        });

        Assert.Equal(PluginStatus.Ok, catalog.Plugins[0].Status);
        Assert.Equal(PluginStatus.Shadowed, catalog.Plugins[1].Status);
        Assert.Equal(
            $"plugin com.studio.relight at {second} is ignored: the same id is already provided by {first}, which comes first on the search path",
            catalog.Plugins[1].Reason);
        Assert.Same(catalog.Plugins[0], catalog.Find("com.studio.relight"));
        Assert.Same(catalog.Plugins[0], catalog.FindTool("com.studio.relight.tool"));
    }

    [Fact]
    public void A_broken_first_copy_does_not_hide_a_usable_later_one()
    {
        Plugin("builtin/p", "test.p", sdk: ">=2.0.0 <3.0.0");
        Plugin("user/p", "test.p");

        var catalog = PluginCatalog.Discover(new PluginDiscoveryOptions
        {
            BuiltInDirectory = Path.Combine(_temp.Path, "builtin"),
            UserDirectory = Path.Combine(_temp.Path, "user"),
            EnvironmentPath = null,
        });

        Assert.Equal([PluginStatus.Error, PluginStatus.Ok], catalog.Plugins.Select(p => p.Status));
        Assert.Same(catalog.Plugins[1], catalog.Find("test.p"));
    }

    [Fact]
    public void An_sdk_range_without_this_host_is_refused_with_both_versions()
    {
        var folder = Plugin("p", "com.example.future", sdk: ">=2.0.0 <3.0.0");

        var entry = Assert.Single(PluginCatalog.Discover(TestPlugins.Only(folder)).Plugins);

        Assert.Equal(PluginStatus.Error, entry.Status);
        Assert.Equal($"plugin com.example.future needs SDK >=2.0.0 <3.0.0; this host has 1.0.0 ({Path.Combine(folder, "plugin.json")})", entry.Reason);
        Assert.False(entry.IsUsable);
    }

    [Fact]
    public void A_missing_entry_assembly_is_named()
    {
        var folder = Plugin("p", "com.example.unbuilt", withEntry: false);

        var entry = Assert.Single(PluginCatalog.Discover(TestPlugins.Only(folder)).Plugins);

        Assert.Equal(PluginStatus.Error, entry.Status);
        Assert.Equal(
            $"plugin com.example.unbuilt: entry assembly {Path.Combine(folder, "Plugin.dll")} not found (plugin.json says \"entry\": \"Plugin.dll\"; build or reinstall the plugin)",
            entry.Reason);
    }

    [Fact]
    public void A_bad_plugin_json_keeps_its_located_errors_and_the_folder_name()
    {
        var folder = Folder("broken");
        File.WriteAllText(Path.Combine(folder, "plugin.json"), "{ \"id\": \"test.broken\", ");

        var entry = Assert.Single(PluginCatalog.Discover(TestPlugins.Only(folder)).Plugins);

        Assert.Equal(PluginStatus.Error, entry.Status);
        Assert.Equal("broken", entry.Id);
        Assert.Null(entry.Manifest);
        Assert.Equal(PluginManifestErrorKind.InvalidJson, Assert.Single(entry.ManifestErrors).Kind);
        Assert.StartsWith(Path.Combine(folder, "plugin.json") + ":1:", entry.Reason);
    }

    [Fact]
    public void A_tool_or_provider_id_belongs_to_the_first_plugin_declaring_it()
    {
        var first = Plugin("env/a", "test.a", tools: ["test.shared"], providers: ["test.gen"]);
        var second = Plugin("env/b", "test.b", tools: ["test.shared", "test.own"], providers: ["test.gen"]);

        var catalog = PluginCatalog.Discover(TestPlugins.Only(Path.Combine(_temp.Path, "env")));

        Assert.Equal(PluginStatus.Error, catalog.Plugins[1].Status);
        Assert.Equal(
            $"plugin test.b at {second} is not used: tool test.shared is already provided by plugin test.a at {first}; provider test.gen is already provided by plugin test.a at {first}",
            catalog.Plugins[1].Reason);
        Assert.Equal("test.a", catalog.FindTool("test.shared")!.Id);
        Assert.Equal("test.a", catalog.FindProvider("test.gen")!.Id);
        Assert.Equal(["test.shared"], catalog.ToolIds);
        Assert.Same(catalog.Plugins[1], catalog.FindTool("test.own"));
        Assert.False(catalog.FindTool("test.own")!.IsUsable);
        Assert.Null(catalog.FindTool("test.nobody"));
    }

    [Fact]
    public void A_folder_listed_twice_is_read_once()
    {
        var folder = Plugin("p", "test.once");

        var catalog = PluginCatalog.Discover(TestPlugins.Only(folder, folder, Path.GetDirectoryName(folder)!));

        Assert.Single(catalog.Plugins);
    }

    [Fact]
    public void The_built_test_plugins_are_usable()
    {
        var catalog = TestPlugins.Catalog();

        Assert.All(catalog.Plugins, p => Assert.True(p.IsUsable, p.ToString()));
        Assert.Equal("test.good", catalog.FindTool("test.echo")!.Id);
        Assert.Equal("test.good", catalog.FindProvider("test.provider")!.Id);
        Assert.Equal("test.faulty", catalog.FindTool("test.faulty.hang")!.Id);
        Assert.Equal(SemanticVersion.Parse("1.2.0"), catalog.Find("test.good")!.Manifest!.Version);
    }

    [Fact]
    public void The_default_search_path_is_the_host_folder_the_user_folder_and_the_environment()
    {
        var options = new PluginDiscoveryOptions { UserDirectory = "/home/ed/.local/share/editing/plugins", EnvironmentPath = "/a" + Path.PathSeparator + " /b " };

        Assert.Equal(
            [(Path.Combine(AppContext.BaseDirectory, "plugins"), PluginSource.BuiltIn), ("/home/ed/.local/share/editing/plugins", PluginSource.User), ("/a", PluginSource.EnvironmentPath), ("/b", PluginSource.EnvironmentPath)],
            options.SearchPath());
        Assert.EndsWith(Path.Combine("editing", "plugins"), PluginDiscoveryOptions.DefaultUserDirectory);
    }
}
