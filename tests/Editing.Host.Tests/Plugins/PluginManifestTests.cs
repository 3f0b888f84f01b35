using Editing.Host.Plugins;

namespace Editing.Host.Tests.Plugins;

public sealed class PluginManifestTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string json) => _temp.Write("plugin/plugin.json", json);

    private static PluginManifestException Refused(string path) =>
        Assert.Throws<PluginManifestException>(() => PluginManifest.Read(path));

    [Fact]
    public void Reads_every_field()
    {
        var path = Write("""
            {
              "id": "com.studio.relight",
              "version": "1.2.0-beta.1",
              "sdk": "^1.0",
              "entry": "bin/Studio.Relight.dll",
              "tools": ["com.studio.relight", "com.studio.relight-sky"],
              "providers": ["com.studio.catalog"],
              "runtime": "inproc",
              "displayName": "Relight",
              "description": "Relights a shot.",
              "timeouts": { "describeSeconds": 10, "runSeconds": 1800.5 },
              "future_field": { "ignored": true }
            }
            """);

        var manifest = PluginManifest.Read(path);

        Assert.Equal("com.studio.relight", manifest.Id);
        Assert.Equal("1.2.0-beta.1", manifest.Version.ToString());
        Assert.Equal("^1.0", manifest.Sdk.Text);
        Assert.Equal("bin/Studio.Relight.dll", manifest.Entry);
        Assert.Equal(Path.Combine(_temp.Path, "plugin", "bin", "Studio.Relight.dll"), manifest.EntryPath);
        Assert.Equal(Path.Combine(_temp.Path, "plugin"), manifest.Directory);
        Assert.Equal(["com.studio.relight", "com.studio.relight-sky"], manifest.Tools);
        Assert.Equal(["com.studio.catalog"], manifest.Providers);
        Assert.Equal(PluginRuntime.InProcess, manifest.Runtime);
        Assert.Equal("Relight", manifest.DisplayName);
        Assert.Equal("Relights a shot.", manifest.Description);
        Assert.Equal(TimeSpan.FromSeconds(10), manifest.Timeouts.Describe);
        Assert.Equal(TimeSpan.FromSeconds(1800.5), manifest.Timeouts.Run);
    }

    [Fact]
    public void Optional_fields_take_their_defaults()
    {
        var manifest = PluginManifest.Parse("""{"id": "test.min", "version": "0.1.0", "sdk": "^1.0", "entry": "Min.dll", "providers": ["test.min"]}""", Path.Combine(_temp.Path, "plugin.json"));

        Assert.Equal(PluginRuntime.Process, manifest.Runtime);
        Assert.Equal("test.min", manifest.DisplayName);
        Assert.Empty(manifest.Tools);
        Assert.Equal(PluginTimeouts.None, manifest.Timeouts);
    }

    [Fact]
    public void Comments_trailing_commas_and_a_byte_order_mark_are_accepted()
    {
        var path = _temp.Combine("bom", "plugin.json");
        File.WriteAllText(path, "{ // a comment\n \"id\": \"test.bom\", \"version\": \"1.0.0\", \"sdk\": \"^1.0\", \"entry\": \"B.dll\", \"tools\": [\"test.bom\",], }", new System.Text.UTF8Encoding(true));

        Assert.Equal("test.bom", PluginManifest.Read(path).Id);
    }

    [Fact]
    public void Invalid_json_names_the_file_line_and_column()
    {
        var path = Write("""
            {
              "id": "com.example.bad",
              "version": "1.0.0"
              "sdk": "^1.0"
            }
            """);

        var error = Refused(path);

        Assert.Equal(path + ":4:3: INVALID_JSON: '\"' is invalid after a value. Expected either ',', '}', or ']'", error.Message);
        Assert.Equal(PluginManifestErrorKind.InvalidJson, Assert.Single(error.Errors).Kind);
    }

    [Fact]
    public void Missing_entry_is_named_with_what_it_should_hold()
    {
        var path = Write("""
            {
              "id": "com.example.noentry",
              "version": "1.0.0",
              "sdk": "^1.0",
              "tools": ["com.example.noentry"]
            }
            """);

        Assert.Equal(
            path + ":1:1: MISSING_FIELD at entry: missing required field 'entry' (the plugin's assembly, relative to the plugin folder, e.g. \"MyPlugin.dll\")",
            Refused(path).Message);
    }

    [Fact]
    public void Missing_id_is_named()
    {
        var path = Write("""{"version": "1.0.0", "sdk": "^1.0", "entry": "X.dll", "tools": ["com.example.x"]}""");

        Assert.Equal(
            path + ":1:1: MISSING_FIELD at id: missing required field 'id' (the plugin's reverse-DNS id, e.g. \"com.studio.relight\")",
            Refused(path).Message);
    }

    [Fact]
    public void Bad_semver_points_at_the_value()
    {
        var path = Write("""
            {
              "id": "com.example.x",
              "version": "1.x",
              "sdk": "^1.0",
              "entry": "X.dll",
              "tools": ["com.example.x"]
            }
            """);

        Assert.Equal(
            path + ":3:14: INVALID_VALUE at version: '1.x' is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. \"1.2.0\")",
            Refused(path).Message);
    }

    [Fact]
    public void Bad_sdk_range_says_which_part_is_wrong()
    {
        var path = Write("""{"id": "com.example.x", "version": "1.0.0", "sdk": ">=1.0 <two", "entry": "X.dll", "tools": ["com.example.x"]}""");

        Assert.Equal(
            path + ":1:52: INVALID_VALUE at sdk: '<two' in version range '>=1.0 <two' is not a comparator with a semantic version (expected e.g. \"^1.0\" or \">=1.0.0 <2.0.0\")",
            Refused(path).Message);
    }

    [Fact]
    public void Unknown_runtime_lists_the_allowed_ones()
    {
        var path = Write("""{"id": "com.example.x", "version": "1.0.0", "sdk": "^1.0", "entry": "X.dll", "tools": ["com.example.x"], "runtime": "docker"}""");

        Assert.EndsWith(":1:117: INVALID_VALUE at runtime: unknown runtime 'docker' (expected \"process\" or \"inproc\")", Refused(path).Message);
    }

    [Fact]
    public void Wrong_json_types_say_what_was_expected_and_found()
    {
        var path = Write("""{"id": 7, "version": "1.0.0", "sdk": "^1.0", "entry": "X.dll", "tools": "com.example.x"}""");

        var error = Refused(path);

        Assert.Equal(
            [
                path + ":1:8: TYPE_MISMATCH at id: expected a string, found a number",
                path + ":1:73: TYPE_MISMATCH at tools: expected an array of ids, found a string",
            ],
            error.Errors.Select(e => e.ToString()));
        Assert.Equal(string.Join(Environment.NewLine, error.Errors), error.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_document_order()
    {
        var path = Write("""
            {
              "id": "Not A Valid Id",
              "version": "one",
              "sdk": "^1.0",
              "tools": ["com.example.a", "com.example.a", 3],
              "timeouts": { "runSeconds": -1 }
            }
            """);

        Assert.Equal(
            [
                ":2:9: INVALID_VALUE at id: 'Not A Valid Id' is not a reverse-DNS id (lower-case letters and digits in at least two dot-separated segments, e.g. \"com.studio.relight\")",
                ":3:14: INVALID_VALUE at version: 'one' is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. \"1.2.0\")",
                ":1:1: MISSING_FIELD at entry: missing required field 'entry' (the plugin's assembly, relative to the plugin folder, e.g. \"MyPlugin.dll\")",
                ":5:30: INVALID_VALUE at tools[1]: 'com.example.a' is listed twice",
                ":5:47: TYPE_MISMATCH at tools[2]: expected a string, found a number",
                ":6:31: INVALID_VALUE at timeouts.runSeconds: must be a positive number of seconds, got -1",
            ],
            Refused(path).Errors.Select(e => e.ToString()[path.Length..]));
    }

    [Fact]
    public void An_entry_outside_the_plugin_folder_is_refused()
    {
        var path = Write("""{"id": "com.example.x", "version": "1.0.0", "sdk": "^1.0", "entry": "../other/X.dll", "tools": ["com.example.x"]}""");

        Assert.EndsWith("INVALID_VALUE at entry: '../other/X.dll' points outside the plugin folder", Refused(path).Message);
    }

    [Fact]
    public void A_plugin_must_provide_something()
    {
        var path = Write("""{"id": "com.example.x", "version": "1.0.0", "sdk": "^1.0", "entry": "X.dll", "tools": []}""");

        Assert.Equal(path + ":1:1: INVALID_VALUE at $: the plugin declares no tools and no providers (list their ids in \"tools\" or \"providers\")", Refused(path).Message);
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_refused()
    {
        var path = Write("[1, 2]");

        Assert.Equal(path + ":1:1: TYPE_MISMATCH at $: expected an object, found an array", Refused(path).Message);
    }

    [Fact]
    public void An_unreadable_file_is_reported_without_a_position()
    {
        var path = Path.Combine(_temp.Path, "missing", "plugin.json");

        var error = Assert.Single(Refused(path).Errors);

        Assert.Equal(PluginManifestErrorKind.Unreadable, error.Kind);
        Assert.StartsWith(path + ": UNREADABLE: ", error.ToString());
    }

    [Theory]
    [InlineData("com.studio.relight", true)]
    [InlineData("test.faulty.plugin-error", true)]
    [InlineData("editing.extend_tail2", true)]
    [InlineData("relight", false)]
    [InlineData("Com.Studio.Relight", false)]
    [InlineData("com..relight", false)]
    [InlineData("com.studio.", false)]
    [InlineData("com.studio relight", false)]
    public void Ids_are_lower_case_reverse_dns(string id, bool valid) => Assert.Equal(valid, PluginManifest.IsValidId(id));
}
