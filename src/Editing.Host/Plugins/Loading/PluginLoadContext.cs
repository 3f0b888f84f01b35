using System.Reflection;
using System.Runtime.Loader;

namespace Editing.Host.Plugins.Loading;

/// <summary>
/// The assembly load context of one plugin. The plugin's own dependencies resolve from its folder through its
/// <c>.deps.json</c> (<see cref="AssemblyDependencyResolver"/>), so two plugins may carry different versions of the same
/// library. The contract assemblies (<c>Editing.Sdk</c>, <c>Editing.Otio</c>) and anything the host has already loaded
/// always come from the default context, even when the plugin folder carries its own copy: otherwise the plugin's
/// <c>IControllableTool</c> would be a different type from the host's, and nothing would match.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly string[] ContractAssemblies = ["Editing.Sdk", "Editing.Otio"];

    private readonly AssemblyDependencyResolver _resolver;

    /// <param name="pluginId">Names the context (visible in dumps and diagnostics).</param>
    /// <param name="entryPath">Absolute path of the plugin's entry assembly; its .deps.json drives resolution.</param>
    /// <param name="collectible">True to allow <see cref="AssemblyLoadContext.Unload"/> (in-process plugins).</param>
    public PluginLoadContext(string pluginId, string entryPath, bool collectible)
        : base("plugin " + pluginId, collectible)
    {
        _resolver = new AssemblyDependencyResolver(entryPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (name is null || ContractAssemblies.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return null; // the default context's copy
        }

        foreach (var loaded in Default.Assemblies)
        {
            if (string.Equals(loaded.GetName().Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return loaded;
            }
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
