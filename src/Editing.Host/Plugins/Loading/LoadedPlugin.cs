using System.Reflection;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Host.Plugins.Loading;

/// <summary>
/// A plugin's entry assembly loaded into its own <see cref="PluginLoadContext"/>, with one instance of each tool and
/// provider class, checked against the ids plugin.json declares. Used in process by the host and inside the worker.
/// </summary>
internal sealed class LoadedPlugin
{
    private readonly PluginLoadContext _context;

    private LoadedPlugin(string pluginId, PluginLoadContext context, Assembly assembly,
        IReadOnlyDictionary<string, IControllableTool> tools, IReadOnlyDictionary<string, IModelProvider> providers)
    {
        PluginId = pluginId;
        _context = context;
        Assembly = assembly;
        Tools = tools;
        Providers = providers;
    }

    public string PluginId { get; }

    public Assembly Assembly { get; }

    /// <summary>Tools by id, in plugin.json order.</summary>
    public IReadOnlyDictionary<string, IControllableTool> Tools { get; }

    /// <summary>Providers by id, in plugin.json order.</summary>
    public IReadOnlyDictionary<string, IModelProvider> Providers { get; }

    /// <summary>
    /// Loads the entry assembly, creates every public class implementing <see cref="IControllableTool"/> or
    /// <see cref="IModelProvider"/> that has a public parameterless constructor, and checks that their descriptor ids
    /// are exactly the ones plugin.json lists.
    /// </summary>
    /// <exception cref="PluginLoadException">Every problem found, in one message.</exception>
    public static LoadedPlugin Load(string pluginId, string pluginDirectory, string entry,
        IReadOnlyList<string> toolIds, IReadOnlyList<string> providerIds, bool collectible)
    {
        var entryPath = Path.GetFullPath(Path.Combine(pluginDirectory, entry));
        if (!File.Exists(entryPath))
        {
            throw new PluginLoadException($"entry assembly {entryPath} not found");
        }

        var context = new PluginLoadContext(pluginId, entryPath, collectible);
        try
        {
            var assembly = LoadEntry(context, entryPath);
            var (tools, providers, problems) = Scan(assembly, entry, toolIds, providerIds);
            if (problems.Count > 0)
            {
                throw new PluginLoadException(string.Join("; ", problems));
            }

            return new LoadedPlugin(pluginId, context, assembly, tools, providers);
        }
        catch
        {
            if (collectible)
            {
                context.Unload();
            }

            throw;
        }
    }

    /// <summary>Lets the runtime unload the plugin's assemblies once nothing references them.</summary>
    public void Unload()
    {
        if (_context.IsCollectible)
        {
            _context.Unload();
        }
    }

    private static Assembly LoadEntry(PluginLoadContext context, string entryPath)
    {
        try
        {
            return context.LoadFromAssemblyPath(entryPath);
        }
        catch (BadImageFormatException e)
        {
            throw new PluginLoadException($"{entryPath} is not a .NET assembly ({e.Message})", e);
        }
        catch (FileLoadException e)
        {
            throw new PluginLoadException($"{entryPath} could not be loaded: {e.Message}", e);
        }
    }

    private static (Dictionary<string, IControllableTool> Tools, Dictionary<string, IModelProvider> Providers, List<string> Problems) Scan(
        Assembly assembly, string entry, IReadOnlyList<string> toolIds, IReadOnlyList<string> providerIds)
    {
        var problems = new List<string>();
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var reasons = e.LoaderExceptions.Where(x => x is not null).Select(x => x!.Message).Distinct().Take(3);
            throw new PluginLoadException($"{entry} references something that cannot be loaded: {string.Join("; ", reasons)}", e);
        }

        var foundTools = new Dictionary<string, (IControllableTool Tool, Type Type)>(StringComparer.Ordinal);
        var foundProviders = new Dictionary<string, (IModelProvider Provider, Type Type)>(StringComparer.Ordinal);
        var withoutConstructor = new List<string>();
        foreach (var type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var isTool = typeof(IControllableTool).IsAssignableFrom(type);
            var isProvider = typeof(IModelProvider).IsAssignableFrom(type);
            if ((!isTool && !isProvider) || !type.IsClass || type.IsAbstract || type.ContainsGenericParameters)
            {
                continue;
            }

            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                withoutConstructor.Add(type.FullName ?? type.Name);
                continue;
            }

            object instance;
            try
            {
                instance = Activator.CreateInstance(type)!;
            }
            catch (TargetInvocationException e) when (e.InnerException is { } inner)
            {
                problems.Add($"creating {type.FullName} threw {inner.GetType().Name}: {inner.Message}");
                continue;
            }

            if (instance is IControllableTool tool && Describe(type, () => tool.Descriptor.Id, problems) is { } toolId)
            {
                if (!foundTools.TryAdd(toolId, (tool, type)))
                {
                    problems.Add($"tool id '{toolId}' is used by both {foundTools[toolId].Type.FullName} and {type.FullName}");
                }
            }

            if (instance is IModelProvider provider && Describe(type, () => provider.Descriptor.Id, problems) is { } providerId)
            {
                if (!foundProviders.TryAdd(providerId, (provider, type)))
                {
                    problems.Add($"provider id '{providerId}' is used by both {foundProviders[providerId].Type.FullName} and {type.FullName}");
                }
            }
        }

        var constructorHint = withoutConstructor.Count == 0 ? ""
            : $"; classes without a public parameterless constructor are ignored: {string.Join(", ", withoutConstructor)}";
        var tools = Match("tool", "tools", nameof(IControllableTool), toolIds, foundTools.ToDictionary(p => p.Key, p => (p.Value.Tool, p.Value.Type)), entry, constructorHint, problems);
        var providers = Match("provider", "providers", nameof(IModelProvider), providerIds, foundProviders.ToDictionary(p => p.Key, p => (p.Value.Provider, p.Value.Type)), entry, constructorHint, problems);
        return (tools, providers, problems);
    }

    private static string? Describe(Type type, Func<string> readId, List<string> problems)
    {
        try
        {
            var id = readId();
            if (string.IsNullOrWhiteSpace(id))
            {
                problems.Add($"{type.FullName} has an empty descriptor id");
                return null;
            }

            return id;
        }
        catch (Exception e)
        {
            problems.Add($"reading {type.FullName}.Descriptor threw {e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    private static Dictionary<string, T> Match<T>(string kind, string field, string contract, IReadOnlyList<string> declared,
        Dictionary<string, (T Instance, Type Type)> found, string entry, string constructorHint, List<string> problems)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var id in declared)
        {
            if (found.TryGetValue(id, out var match))
            {
                result[id] = match.Instance;
            }
            else
            {
                var seen = found.Count == 0 ? "none found" : "found: " + string.Join(", ", found.Keys.Order(StringComparer.Ordinal));
                problems.Add($"plugin.json lists {kind} '{id}', but {entry} has no public class implementing {contract} with that id ({seen}){constructorHint}");
            }
        }

        foreach (var (id, match) in found)
        {
            if (!declared.Contains(id))
            {
                problems.Add($"{entry} defines {kind} '{id}' ({match.Type.FullName}) that plugin.json does not list in '{field}'");
            }
        }

        return result;
    }
}
