using Editing.Host.Plugins;
using Editing.Host.Providers;

namespace Editing.Host.Tests.Providers;

public sealed class ProviderConfigurationTests : IDisposable
{
    private const string Key = "sk-test-0123456789abcdef";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string WriteConfig(string json, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = _temp.Write("config/editing/config.json", json);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        return path;
    }

    private static Dictionary<string, string> Env(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    [Fact]
    public void Settings_and_secrets_come_from_the_file_for_the_named_provider_only()
    {
        var path = WriteConfig($$"""
            {
              // comments are allowed
              "providers": {
                "editing.runway": { "settings": { "Base_URL": "http://127.0.0.1:9", "poll_seconds": 5 }, "secrets": { "api_key": "{{Key}}" } },
                "editing.veo": { "settings": { "base_url": "http://127.0.0.1:10" } },
              }
            }
            """);

        var config = ProviderConfiguration.Load(path, Env());

        Assert.Equal(path, config.SourcePath);
        Assert.Equal(["editing.runway", "editing.veo"], config.ConfiguredProviders);
        Assert.Equal("http://127.0.0.1:9", config.SettingsFor("editing.runway")["base_url"]);
        Assert.Equal("5", config.SettingsFor("editing.runway")["poll_seconds"]);
        Assert.Equal(Key, config.SecretsFor("editing.runway")["api_key"]);
        Assert.Empty(config.SecretsFor("editing.veo"));
        Assert.Empty(config.SettingsFor("editing.fal"));
    }

    [Fact]
    public void Environment_variables_override_the_file_in_the_documented_order()
    {
        var path = WriteConfig("""
            { "providers": { "editing.runway": {
                "settings": { "base_url": "http://file" },
                "secrets": { "api_key": "from-file" },
                "secret_env": { "api_key": "STUDIO_RUNWAY_KEY" } } } }
            """);
        var declared = new Dictionary<string, string> { ["api_key"] = "RUNWAYML_API_SECRET" };

        Assert.Equal("from-file", ProviderConfiguration.Load(path, Env()).SecretsFor("editing.runway", declared)["api_key"]);
        Assert.Equal("from-vendor-variable", ProviderConfiguration.Load(path, Env(("RUNWAYML_API_SECRET", "from-vendor-variable")))
            .SecretsFor("editing.runway", declared)["api_key"]);
        Assert.Equal("from-mapping", ProviderConfiguration.Load(path, Env(("RUNWAYML_API_SECRET", "from-vendor-variable"), ("STUDIO_RUNWAY_KEY", "from-mapping")))
            .SecretsFor("editing.runway", declared)["api_key"]);
        var all = ProviderConfiguration.Load(path, Env(
            ("RUNWAYML_API_SECRET", "from-vendor-variable"),
            ("STUDIO_RUNWAY_KEY", "from-mapping"),
            ("EDITING_SECRET__EDITING_RUNWAY__API_KEY", "from-editing-variable"),
            ("EDITING_PROVIDER__EDITING_RUNWAY__BASE_URL", "http://env"),
            ("EDITING_PROVIDER__EDITING_RUNWAY__POLL_SECONDS", "7")));
        Assert.Equal("from-editing-variable", all.SecretsFor("editing.runway", declared)["api_key"]);
        Assert.Equal("http://env", all.SettingsFor("editing.runway")["base_url"]);
        Assert.Equal("7", all.SettingsFor("editing.runway")["poll_seconds"]);
    }

    [Fact]
    public void A_missing_default_file_is_an_empty_configuration_but_a_named_missing_file_is_an_error()
    {
        var env = Env(("XDG_CONFIG_HOME", _temp.Combine("nowhere")));
        var config = ProviderConfiguration.Load(environment: env);
        Assert.Null(config.SourcePath);
        Assert.Equal(Path.Combine(_temp.Path, "nowhere", "editing", "config.json"), ProviderConfiguration.DefaultPath(env));

        var missing = _temp.Combine("absent.json");
        var e = Assert.Throws<ProviderConfigurationException>(() => ProviderConfiguration.Load(environment: Env((ProviderConfiguration.FileVariable, missing))));
        Assert.Contains(missing, e.Message);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void A_file_holding_secrets_that_others_can_read_is_refused_without_echoing_the_secret()
    {
        var path = WriteConfig($$"""{ "providers": { "editing.runway": { "secrets": { "api_key": "{{Key}}" } } } }""",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var e = Assert.Throws<ProviderConfigurationException>(() => ProviderConfiguration.Load(path, Env()));

        Assert.Contains(path, e.Message);
        Assert.Contains("chmod 600", e.Message);
        Assert.Contains("644", e.Message);
        Assert.DoesNotContain(Key, e.Message);
    }

    [Fact]
    public void A_world_readable_file_without_secrets_is_accepted()
    {
        var path = WriteConfig("""{ "providers": { "editing.comfyui": { "settings": { "base_url": "http://127.0.0.1:8188" } } } }""",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.Equal("http://127.0.0.1:8188", ProviderConfiguration.Load(path, Env()).SettingsFor("editing.comfyui")["base_url"]);
    }

    [Theory]
    [InlineData("{ \"providers\": [] }", "$.providers")]
    [InlineData("{ \"providers\": { \"editing.runway\": 3 } }", "$.providers['editing.runway']")]
    [InlineData("{ \"providers\": { \"editing.runway\": { \"settings\": [1] } } }", "$.providers['editing.runway'].settings")]
    [InlineData("{ \"providers\": {\n  \"editing.runway\": { ", "line 2")]
    public void Malformed_files_name_the_file_and_the_place(string json, string where)
    {
        var path = WriteConfig(json);

        var e = Assert.Throws<ProviderConfigurationException>(() => ProviderConfiguration.Load(path, Env()));

        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(where, e.Message);
    }

    [Fact]
    public void A_secret_that_is_not_a_string_is_refused_without_its_value()
    {
        var path = WriteConfig("""{ "providers": { "editing.runway": { "secrets": { "api_key": 987654321 } } } }""");

        var e = Assert.Throws<ProviderConfigurationException>(() => ProviderConfiguration.Load(path, Env()));

        Assert.Contains("$.providers['editing.runway'].secrets.api_key", e.Message);
        Assert.DoesNotContain("987654321", e.Message);
    }

    [Fact]
    public void Describing_secrets_names_their_sources_never_their_values()
    {
        var path = WriteConfig($$"""{ "providers": { "editing.runway": { "secrets": { "org": "{{Key}}" } } } }""");
        var config = ProviderConfiguration.Load(path, Env(("RUNWAYML_API_SECRET", Key)));

        var described = config.DescribeSecrets("editing.runway", new Dictionary<string, string> { ["api_key"] = "RUNWAYML_API_SECRET", ["extra"] = "UNSET_VARIABLE" });

        Assert.Equal("file", described["org"]);
        Assert.Equal("$RUNWAYML_API_SECRET", described["api_key"]);
        Assert.Equal("not set ($UNSET_VARIABLE)", described["extra"]);
        Assert.DoesNotContain(described.Values, v => v.Contains(Key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("editing.runway", "EDITING_RUNWAY")]
    [InlineData("com.studio.my-model", "COM_STUDIO_MY_MODEL")]
    public void Provider_ids_map_to_environment_names(string id, string expected) =>
        Assert.Equal(expected, ProviderConfiguration.EnvironmentId(id));

    [Fact]
    public void A_manifest_declares_the_environment_variables_its_secrets_come_from()
    {
        var path = _temp.Write("p/plugin.json", """
            { "id": "com.vendor.video", "version": "1.0.0", "sdk": "^1.0", "entry": "V.dll", "providers": ["com.vendor.video"],
              "secretEnvironment": { "api_key": "VENDOR_API_KEY" } }
            """);

        Assert.Equal("VENDOR_API_KEY", PluginManifest.Read(path).SecretEnvironment["api_key"]);
    }

    [Fact]
    public void A_manifest_secret_environment_that_is_not_a_variable_name_is_refused_with_its_path()
    {
        var path = _temp.Write("p/plugin.json", """
            { "id": "com.vendor.video", "version": "1.0.0", "sdk": "^1.0", "entry": "V.dll", "providers": ["com.vendor.video"],
              "secretEnvironment": { "api_key": "not a name" } }
            """);

        var e = Assert.Throws<PluginManifestException>(() => PluginManifest.Read(path));

        Assert.Contains(e.Errors, x => x.JsonPath == "secretEnvironment.api_key");
    }
}
