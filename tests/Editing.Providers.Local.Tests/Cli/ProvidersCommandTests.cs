using Editing.Cli;
using Editing.Cli.Commands;
using Editing.Host.Providers;
using Editing.Providers.Local.Tests.Fakes;
using Editing.Providers.Local.Tests.Studio;
using Editing.Providers.Local.Tests.Support;

namespace Editing.Providers.Local.Tests.Cli;

/// <summary><c>editing providers list|check</c>, called directly (the command is registered in Program.cs by the lead).</summary>
public sealed class ProvidersCommandTests : IAsyncLifetime
{
    private const string Token = "comfy-proxy-token-77aa";
    private FakeComfyUi _server = null!;
    private ProviderHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeComfyUi.StartAsync();
        _harness = new ProviderHarness();
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _server.DisposeAsync();
    }

    private ProviderConfiguration Configuration(string token = Token) => ProviderConfiguration.FromEnvironment(new Dictionary<string, string>
    {
        ["EDITING_PROVIDER__EDITING_COMFYUI__BASE_URL"] = _server.BaseUrl,
        ["EDITING_SECRET__EDITING_COMFYUI__AUTH_TOKEN"] = token,
    });

    [Fact]
    public async Task List_shows_models_settings_and_where_each_secret_comes_from_but_no_value()
    {
        using var output = new StringWriter();

        var exit = await ProvidersCommand.ListAsync(_harness.Host, Configuration(), "/nowhere/config.json", json: false, output, CancellationToken.None);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("editing.comfyui 1.0.0 (ComfyUI; remote; plugin editing.comfyui)", text, StringComparison.Ordinal);
        Assert.Contains("models:   wan2.2-a14b (default), ltx-video, hunyuanvideo", text, StringComparison.Ordinal);
        Assert.Contains($"settings: base_url={_server.BaseUrl}", text, StringComparison.Ordinal);
        Assert.Contains("secrets:  auth_token from $EDITING_SECRET__EDITING_COMFYUI__AUTH_TOKEN", text, StringComparison.Ordinal);
        Assert.Contains("configuration file: /nowhere/config.json (not found; optional)", text, StringComparison.Ordinal);
        Assert.Contains("editing.previs", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_as_json_holds_the_models_capabilities_and_no_secret()
    {
        using var output = new StringWriter();

        await ProvidersCommand.ListAsync(_harness.Host, Configuration(), "/nowhere/config.json", json: true, output, CancellationToken.None);

        using var doc = System.Text.Json.JsonDocument.Parse(output.ToString());
        var comfy = doc.RootElement.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "editing.comfyui");
        Assert.Equal("wan2.2-a14b", comfy.GetProperty("models")[0].GetProperty("model_id").GetString());
        Assert.Equal("$EDITING_SECRET__EDITING_COMFYUI__AUTH_TOKEN", comfy.GetProperty("secrets").GetProperty("auth_token").GetString());
        Assert.DoesNotContain(Token, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_makes_one_system_stats_call_with_the_auth_header()
    {
        _server.RequiredToken = Token;
        using var output = new StringWriter();

        var exit = await ProvidersCommand.CheckAsync(_harness.Host, Configuration(), "editing.comfyui", json: false, output, CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        Assert.Contains($"ok   live call: GET {_server.BaseUrl}/system_stats answered 200", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("ok   describe: 3 model(s)", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(_server.Prompts);
    }

    [Fact]
    public async Task Check_fails_with_exit_4_when_the_server_refuses_the_token_and_never_prints_it()
    {
        _server.RequiredToken = "the-right-proxy-token";
        using var output = new StringWriter();

        var exit = await ProvidersCommand.CheckAsync(_harness.Host, Configuration(), "editing.comfyui", json: true, output, CancellationToken.None);

        Assert.Equal(4, exit);
        Assert.Contains("answered 401", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("check the provider secret", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_of_an_unreachable_server_fails_naming_the_url()
    {
        var configuration = ProviderConfiguration.FromEnvironment(new Dictionary<string, string> { ["EDITING_PROVIDER__EDITING_COMFYUI__BASE_URL"] = "http://127.0.0.1:9" });
        using var output = new StringWriter();

        var exit = await ProvidersCommand.CheckAsync(_harness.Host, configuration, "editing.comfyui", json: false, output, CancellationToken.None);

        Assert.Equal(4, exit);
        Assert.Contains("FAIL live call: GET http://127.0.0.1:9/system_stats failed", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_of_a_provider_that_is_not_installed_is_a_usage_error()
    {
        using var output = new StringWriter();

        var e = await Assert.ThrowsAsync<UsageException>(() => ProvidersCommand.CheckAsync(_harness.Host, Configuration(), "editing.nothing", false, output, CancellationToken.None));

        Assert.Contains("no provider 'editing.nothing' is installed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_of_the_local_previs_provider_needs_no_call()
    {
        using var output = new StringWriter();

        var exit = await ProvidersCommand.CheckAsync(_harness.Host, Configuration(), "editing.previs", false, output, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("ok   live call: a local provider: nothing to call", output.ToString(), StringComparison.Ordinal);
    }
}

[Collection("studio")]
public sealed class StudioProvidersCheckTests(StudioServerFixture server) : IAsyncLifetime
{
    private ProviderHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new ProviderHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Check_studio_reads_the_capabilities_of_the_reference_server()
    {
        var configuration = ProviderConfiguration.FromEnvironment(new Dictionary<string, string>
        {
            ["EDITING_PROVIDER__EDITING_STUDIO__BASE_URL"] = server.BaseUrl,
            ["EDITING_SECRET__EDITING_STUDIO__TOKEN"] = StudioServerFixture.Token,
        });
        using var output = new StringWriter();

        var exit = await ProvidersCommand.CheckAsync(_harness.Host, configuration, "editing.studio", false, output, CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        Assert.Contains("describe: 3 model(s): previs-1, broken-1, hold-1", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("/v1/capabilities answered 200", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(StudioServerFixture.Token, output.ToString(), StringComparison.Ordinal);
    }
}
