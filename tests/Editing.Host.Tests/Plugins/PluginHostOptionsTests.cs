using Editing.Host.Plugins;

namespace Editing.Host.Tests.Plugins;

public sealed class PluginHostOptionsTests
{
    private static PluginManifest Manifest(string timeouts) => PluginManifest.Parse(
        $$"""{"id": "test.t", "version": "1.0.0", "sdk": "^1.0", "entry": "T.dll", "tools": ["test.t"]{{timeouts}}}""", "/plugins/t/plugin.json");

    [Fact]
    public void A_run_is_limited_by_the_call_then_the_host_then_the_plugin_then_the_default()
    {
        var asks = Manifest(""", "timeouts": {"runSeconds": 90, "describeSeconds": 5}""");
        var silent = Manifest("");
        var host = new PluginHostOptions { RunTimeout = TimeSpan.FromMinutes(2) };
        var defaults = new PluginHostOptions();

        Assert.Equal(TimeSpan.FromSeconds(3), host.RunTimeoutFor(asks, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromMinutes(2), host.RunTimeoutFor(asks, null));
        Assert.Equal(TimeSpan.FromSeconds(90), defaults.RunTimeoutFor(asks, null));
        Assert.Equal(TimeSpan.FromHours(1), defaults.RunTimeoutFor(silent, null));
    }

    [Fact]
    public void Start_up_and_describe_are_limited_by_the_host_then_the_plugin_then_30_seconds()
    {
        var asks = Manifest(""", "timeouts": {"describeSeconds": 5}""");

        Assert.Equal(TimeSpan.FromSeconds(1), new PluginHostOptions { DescribeTimeout = TimeSpan.FromSeconds(1) }.DescribeTimeoutFor(asks));
        Assert.Equal(TimeSpan.FromSeconds(5), new PluginHostOptions().DescribeTimeoutFor(asks));
        Assert.Equal(TimeSpan.FromSeconds(30), new PluginHostOptions().DescribeTimeoutFor(Manifest("")));
        Assert.Equal(TimeSpan.FromSeconds(30), new PluginHostOptions().ValidateTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), new PluginHostOptions().CancellationGracePeriod);
    }

    [Fact]
    public void Only_built_in_plugins_may_run_in_process_unless_the_host_says_otherwise()
    {
        using var temp = new TempDirectory();
        var json = """{"id": "test.PLACEHOLDER", "version": "1.0.0", "sdk": "^1.0", "entry": "T.dll", "tools": ["test.PLACEHOLDER.tool"], "runtime": "inproc"}""";
        temp.Write("builtin/a/plugin.json", json.Replace("PLACEHOLDER", "a", StringComparison.Ordinal));
        temp.Write("builtin/a/T.dll", "");
        temp.Write("user/b/plugin.json", json.Replace("PLACEHOLDER", "b", StringComparison.Ordinal));
        temp.Write("user/b/T.dll", "");
        var catalog = PluginCatalog.Discover(new PluginDiscoveryOptions
        {
            BuiltInDirectory = Path.Combine(temp.Path, "builtin"),
            UserDirectory = Path.Combine(temp.Path, "user"),
            EnvironmentPath = null,
        });
        var (builtIn, user) = (catalog.Find("test.a")!, catalog.Find("test.b")!);

        Assert.Equal((PluginRuntime.InProcess, PluginRuntime.Process), Runtimes(new PluginHostOptions()));
        Assert.Equal((PluginRuntime.InProcess, PluginRuntime.InProcess), Runtimes(new PluginHostOptions { InProcessPolicy = InProcessPolicy.Any }));
        Assert.Equal((PluginRuntime.Process, PluginRuntime.Process), Runtimes(new PluginHostOptions { InProcessPolicy = InProcessPolicy.Never }));
        Assert.Equal((PluginRuntime.Process, PluginRuntime.Process), Runtimes(new PluginHostOptions { ForceRuntime = PluginRuntime.Process }));

        (PluginRuntime, PluginRuntime) Runtimes(PluginHostOptions options)
        {
            var host = new PluginHost(catalog, options);
            return (host.RuntimeOf(builtIn), host.RuntimeOf(user));
        }
    }
}
