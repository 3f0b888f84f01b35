using Editing.Host.Plugins;
using Editing.Otio.OpenTime;
using Editing.Sdk.Media;
using Editing.Sdk.Tools;

namespace Editing.Host.Tests;

/// <summary>The test plugins built into the output's plugins/ folder, and the inputs the tests share.</summary>
internal static class TestPlugins
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "plugins");

    public static string Good { get; } = Path.Combine(Root, "Editing.TestPlugins.Good");

    public static string Faulty { get; } = Path.Combine(Root, "Editing.TestPlugins.Faulty");

    /// <summary>Only the given folders, as EDITING_PLUGIN_PATH entries: no built-in or user folder.</summary>
    public static PluginDiscoveryOptions Only(params string[] folders) => new()
    {
        BuiltInDirectory = null,
        UserDirectory = null,
        EnvironmentPath = string.Join(Path.PathSeparator, folders),
    };

    /// <summary>The good and the faulty plugin.</summary>
    public static PluginCatalog Catalog() => PluginCatalog.Discover(Only(Good, Faulty));

    /// <summary>A clip of 48 frames at 24 fps named sh010.</summary>
    public static ClipContext Clip(string name = "sh010") => new()
    {
        Kind = ItemKind.Clip,
        Name = name,
        ItemPath = "tracks.children[0].children[1]",
        TrackIndex = 0,
        ItemIndex = 1,
        Rate = new VideoRate(24, 1),
        Size = new PixelSize(1920, 1080),
        RecordRange = new TimeRange(new RationalTime(24, 24), new RationalTime(48, 24)),
        SourceRange = new TimeRange(new RationalTime(86400, 24), new RationalTime(48, 24)),
        HeadHandle = new RationalTime(12, 24),
        TailHandle = new RationalTime(0, 24),
    };

    /// <summary>Copies a built test plugin to a new folder (for tests that change its plugin.json).</summary>
    public static string CopyPlugin(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
        }

        return destination;
    }
}
