using Editing.Host.Media;
using Editing.Host.Plugins;
using Editing.Sdk.Controls;
using Editing.Sdk.Tools.Edits;
using Editing.Tools.Tests.Support;

namespace Editing.Tools.Tests;

/// <summary>
/// The tools as the host uses them: discovered from their plugin folders (the projects' build outputs, with plugin.json
/// and without the SDK), described, validated and run through <see cref="PluginHost"/> — in a worker process and in
/// process — with the previs provider reached through the host.
/// </summary>
public sealed class PluginHostTests(TestMedia media) : MediaTestBase(media), IClassFixture<TestMedia>
{
    private static PluginCatalog Catalog() => PluginCatalog.Discover(new PluginDiscoveryOptions
    {
        BuiltInDirectory = null,
        UserDirectory = null,
        EnvironmentPath = string.Join(Path.PathSeparator,
            Support.Tools.PluginOf.Values.Distinct().Append("Editing.Providers.Previs").Select(RepoPaths.PluginOutput)),
    });

    [Theory]
    [InlineData(PluginRuntime.Process)]
    [InlineData(PluginRuntime.InProcess)]
    public async Task Built_in_tools_describe_validate_and_run_through_the_plugin_host(PluginRuntime runtime)
    {
        // Given the plugin folders discovered and a host forcing the runtime
        var catalog = Catalog();
        Assert.Superset(Support.Tools.PluginOf.Keys.ToHashSet(), catalog.ToolIds.ToHashSet());
        Assert.Contains("editing.previs", catalog.ProviderIds);
        await using var host = new PluginHost(catalog, new PluginHostOptions { ForceRuntime = runtime, MediaServicesType = typeof(HostMediaServices) });

        // Then every tool describes itself across the boundary exactly as it does locally
        foreach (var id in Support.Tools.PluginOf.Keys)
        {
            var remote = await host.DescribeToolAsync(id, CancellationToken.None);
            Assert.Equal(Support.Tools.Create(id).Descriptor.Schema.ToJsonSchema(), remote.Schema.ToJsonSchema());
        }

        // And contextual validation crosses it
        var clip = await Contexts.WithEdgeFramesAsync(Contexts.Clip(Media, first: 8, count: 24), Media.Media, Folder);
        var issues = await host.ValidateToolAsync("editing.retime", clip, ControlValues.Empty, CancellationToken.None);
        Assert.Contains(issues, i => i.Severity == ValidationSeverity.Error && i.Message.Contains("no speed effect", StringComparison.Ordinal));

        // When extend runs with the previs provider reached through the host
        var providers = await host.CreateProviderAccessAsync("editing.previs", null, new ProviderRunOptions { ScratchDirectory = Path.Combine(Folder, "provider") }, CancellationToken.None);
        var extend = Support.Tools.Create("editing.extend");
        var values = extend.Descriptor.Schema.Normalize(Support.Tools.Values("""{"duration": {"value": 12, "rate": 24}}"""));
        var result = await host.RunToolAsync("editing.extend", clip, values, new ToolRunOptions { ScratchDirectory = Path.Combine(Folder, "run"), Providers = providers }, CancellationToken.None);

        // Then the result is the same as in the direct runs
        var output = Assert.Single(result.Outputs);
        Assert.Equal(12, output.FrameCount);
        Assert.Equal("01:00:01:08", output.StartTimecode);
        Assert.Equal(12, (await Media.Media.ProbeAsync(output.VideoPath, CancellationToken.None)).FrameCount);
        Assert.Equal(12 * 2002, (await Media.Media.ProbeAsync(output.AudioPath!, CancellationToken.None)).AudioSampleCount);
        Assert.Equal("editing.previs", output.Generation!.ProviderId);
        Assert.Equal(InsertPosition.After, Assert.IsType<InsertClip>(Assert.Single(result.Edits)).Position);
    }
}
