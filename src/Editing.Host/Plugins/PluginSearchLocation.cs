namespace Editing.Host.Plugins;

/// <summary>One folder of the plugin search path.</summary>
/// <param name="Path">Absolute folder path: a plugin folder itself (it holds plugin.json) or a folder of plugin folders.</param>
/// <param name="Source">Which part of the search path it is.</param>
/// <param name="Exists">True when the folder existed at discovery.</param>
public sealed record PluginSearchLocation(string Path, PluginSource Source, bool Exists);
