using Editing.Host.Media;
using Editing.Host.Plugins;
using Editing.Sdk.Controls;
using Editing.Sdk.Testing;
using Editing.Sdk.Tools.Edits;

namespace Editing.Plugins.Conformance.Template;

/// <summary>
/// "A plugin in five minutes": the plugin made from the template passes every conformance check, and is found through
/// <c>EDITING_PLUGIN_PATH</c>, described and run through the worker as <c>editing</c> would.
/// </summary>
public sealed class TemplatePluginConformance(TemplatePluginFixture template) : PluginConformanceTests, IClassFixture<TemplatePluginFixture>
{
    private const string ToolId = "studio.mytool.tint";

    protected override string PluginDirectory => template.OutputDirectory;

    [Fact]
    public void Template_builds_outside_the_repository_into_a_plugin_folder_without_the_sdk()
    {
        // Given the project generated and built in a temporary folder
        var repository = Path.GetFullPath(Path.Combine(TemplatePluginFixture.TemplateDirectory, "..", "..", ".."));
        Assert.False(template.ProjectDirectory.StartsWith(repository + Path.DirectorySeparatorChar, StringComparison.Ordinal));

        // Then its output is a plugin folder: assembly, deps.json and plugin.json, and the host's SDK is not copied
        var files = Directory.GetFiles(template.OutputDirectory).Select(Path.GetFileName).ToList();
        Assert.Contains("Studio.MyTool.dll", files);
        Assert.Contains("Studio.MyTool.deps.json", files);
        Assert.Contains("plugin.json", files);
        Assert.DoesNotContain("Editing.Sdk.dll", files);
        Assert.DoesNotContain("Editing.Otio.dll", files);
    }

    [Fact]
    public async Task Template_plugin_is_found_through_EDITING_PLUGIN_PATH_described_and_run_in_a_worker()
    {
        // Given EDITING_PLUGIN_PATH naming the build output, read as the host reads it
        var previous = Environment.GetEnvironmentVariable(PluginDiscoveryOptions.EnvironmentVariable);
        PluginDiscoveryOptions options;
        try
        {
            Environment.SetEnvironmentVariable(PluginDiscoveryOptions.EnvironmentVariable, template.OutputDirectory);
            options = new PluginDiscoveryOptions { BuiltInDirectory = null, UserDirectory = null };
        }
        finally
        {
            Environment.SetEnvironmentVariable(PluginDiscoveryOptions.EnvironmentVariable, previous);
        }

        // When the catalog is read
        var catalog = PluginCatalog.Discover(options);

        // Then the plugin and its tool are found
        var plugin = Assert.Single(catalog.Plugins);
        Assert.True(plugin.IsUsable, plugin.Reason);
        Assert.Equal(("studio.mytool", PluginSource.EnvironmentPath), (plugin.Id, plugin.Source));
        Assert.Equal([ToolId], catalog.ToolIds);

        // And it is described and runs in a worker process
        await using var host = new PluginHost(catalog, new PluginHostOptions { ForceRuntime = PluginRuntime.Process, MediaServicesType = typeof(HostMediaServices) });
        var descriptor = await host.DescribeToolAsync(ToolId, CancellationToken.None);
        Assert.Equal(["look", "strength", "grain", "vignette", "seed"], descriptor.Schema.Parameters.Select(p => p.Id));
        Assert.True(descriptor.Deterministic);
        Assert.Equal(PluginRuntime.Process, host.GetToolPlugin(ToolId).Runtime);

        var clips = await ConformanceClips.GetAsync();
        var scratch = Path.Combine(template.Folder, "run");
        var clip = await clips.ClipAsync(descriptor.Inputs, Path.Combine(scratch, "inputs"), CancellationToken.None);
        var values = ControlValues.FromJson("""{"look": "cool", "strength": 0.5, "seed": 42}""");
        var result = await host.RunToolAsync(ToolId, clip, values, new ToolRunOptions { ScratchDirectory = Path.Combine(scratch, "out") }, CancellationToken.None);

        // And the output is a tinted copy of the clip's 12 frames that replaces its active media
        var output = Assert.Single(result.Outputs);
        Assert.Equal(ConformanceClips.ClipFrames, output.FrameCount);
        var probe = await clips.Media.ProbeAsync(output.VideoPath, CancellationToken.None);
        Assert.Equal((ConformanceClips.ClipFrames, ConformanceClips.Size), (probe.FrameCount, probe.Size!.Value));
        Assert.Equal(output.Id, Assert.IsType<ReplaceActiveMedia>(Assert.Single(result.Edits)).OutputId);
    }
}
