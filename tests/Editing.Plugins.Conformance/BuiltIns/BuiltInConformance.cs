using Editing.Sdk.Testing;

namespace Editing.Plugins.Conformance.BuiltIns;

/// <summary>
/// A built-in plugin as the CLI ships it: the folder plugins/&lt;Project&gt;/ next to the test assembly (staged by
/// plugins/BuiltInPlugins.targets), with the previs provider on the search path for tools that generate.
/// </summary>
public abstract class BuiltInConformance : PluginConformanceTests
{
    /// <summary>The staged folder of built-in plugin project <paramref name="project"/>.</summary>
    public static string Staged(string project) => Path.Combine(AppContext.BaseDirectory, "plugins", project);

    /// <summary>The plugin project under test (<c>Editing.Tools.Extend</c>...).</summary>
    protected abstract string Project { get; }

    protected override string PluginDirectory => Staged(Project);

    protected override IEnumerable<string> SupportPluginDirectories =>
        Project == "Editing.Providers.Previs" ? [] : [Staged("Editing.Providers.Previs")];
}
