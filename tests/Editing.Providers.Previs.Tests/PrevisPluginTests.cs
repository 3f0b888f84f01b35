using Editing.Host.Media;
using Editing.Host.Plugins;
using Editing.Providers.Previs.Tests.Support;
using Editing.Sdk.Providers;

namespace Editing.Providers.Previs.Tests;

/// <summary>The provider as the host ships it: a plugin folder, loaded like any third-party plugin.</summary>
[Collection(MediaCollection.Name)]
public sealed class PrevisPluginTests(MediaFixture media)
{
    private static readonly string PluginsFolder = Path.Combine(AppContext.BaseDirectory, "plugins");

    private static PluginCatalog Catalog() => PluginCatalog.Discover(new PluginDiscoveryOptions
    {
        BuiltInDirectory = PluginsFolder,
        UserDirectory = null,
        EnvironmentPath = null,
    });

    [Fact]
    public void Plugin_folder_holds_the_manifest_and_the_plugin_but_not_the_sdk()
    {
        var folder = Path.Combine(PluginsFolder, "Editing.Providers.Previs");
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();

        Assert.Contains("plugin.json", files);
        Assert.Contains("Editing.Providers.Previs.dll", files);
        Assert.DoesNotContain("Editing.Sdk.dll", files);
        Assert.DoesNotContain("Editing.Otio.dll", files);
        var entry = Assert.Single(Catalog().Plugins, p => p.Id == "editing.previs");
        Assert.True(entry.IsUsable, entry.Reason);
        Assert.Equal(PluginRuntime.InProcess, entry.Manifest!.Runtime);
        Assert.Equal(["editing.previs"], entry.Manifest.Providers);
        Assert.Empty(entry.Manifest.Tools);
    }

    [Theory]
    [InlineData(PluginRuntime.InProcess)]
    [InlineData(PluginRuntime.Process)]
    public async Task Generates_through_the_plugin_host_in_either_runtime(PluginRuntime runtime)
    {
        await using var host = new PluginHost(Catalog(), new PluginHostOptions
        {
            ForceRuntime = runtime,
            MediaServicesType = typeof(HostMediaServices),
        });
        var request = media.Request(GenerationMode.ImageToVideo, frames: 6) with { FirstFrame = media.FirstStill };

        var descriptor = await host.DescribeProviderAsync("editing.previs", CancellationToken.None);
        var result = await host.GenerateAsync("editing.previs", request, new ProviderRunOptions { ScratchDirectory = media.NewScratch() }, CancellationToken.None);

        Assert.Equal("previs-1", descriptor.Models[0].ModelId);
        Assert.Equal(("editing.previs", "1.0.0", "previs-1"), (result.ProviderId, result.ProviderVersion, result.ModelId));
        await media.AssertShapeAsync(result.VideoPath, MediaFixture.Size, 6);
    }
}
