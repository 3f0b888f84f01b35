using System.Reflection;
using Editing.Host.Plugins;

namespace Editing.Plugins.Conformance.BuiltIns;

public sealed class BuiltInCoverageTests
{
    [Fact]
    public void Every_staged_built_in_plugin_has_a_conformance_class()
    {
        // Given the built-in plugin folders staged next to the tests, as the CLI ships them
        var staged = Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "plugins"))
            .Where(d => File.Exists(Path.Combine(d, PluginManifest.FileName)))
            .Select(d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal)
            .ToList();

        // When the conformance classes are listed
        var covered = typeof(BuiltInConformance).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(BuiltInConformance)) && !t.IsAbstract)
            .Select(t => (string)t.GetProperty("Project", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(Activator.CreateInstance(t))!)
            .Order(StringComparer.Ordinal)
            .ToList();

        // Then each staged plugin is checked
        Assert.NotEmpty(staged);
        Assert.Equal(staged, covered);
    }
}
