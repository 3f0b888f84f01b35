using System.Reflection;
using Editing.Host.Protocol;
using Editing.Sdk.Media;

namespace Editing.Host.Plugins.Loading;

/// <summary>Creates the media services a host asked for, by type (in process) or by assembly path and name (in a
/// worker, which cannot receive an object from the host).</summary>
internal static class MediaServicesActivator
{
    /// <summary>The spec that lets a worker create an instance of <paramref name="type"/>, or null.</summary>
    public static MediaServicesSpec? SpecFor(Type? type) =>
        type is null ? null : new MediaServicesSpec(type.Assembly.Location, type.FullName ?? type.Name);

    /// <summary>An instance of <paramref name="type"/>, or the unavailable services when null.</summary>
    /// <exception cref="PluginLoadException">The type cannot be created.</exception>
    public static IMediaServices Create(Type? type)
    {
        if (type is null)
        {
            return UnavailableMediaServices.Instance;
        }

        try
        {
            return Activator.CreateInstance(type) as IMediaServices
                ?? throw new PluginLoadException($"{type.FullName} does not implement IMediaServices");
        }
        catch (Exception e) when (e is MissingMethodException or TargetInvocationException or MemberAccessException)
        {
            var reason = e is TargetInvocationException { InnerException: { } inner } ? inner.Message : e.Message;
            throw new PluginLoadException($"cannot create media services {type.FullName}: {reason}", e);
        }
    }

    /// <summary>An instance of the type <paramref name="spec"/> names, or the unavailable services when null.</summary>
    /// <exception cref="PluginLoadException">The assembly or type cannot be loaded.</exception>
    public static IMediaServices Create(MediaServicesSpec? spec)
    {
        if (spec is null)
        {
            return UnavailableMediaServices.Instance;
        }

        Type? type;
        try
        {
            // LoadFrom resolves the assembly's own dependencies from its folder (the host's output folder).
            type = Assembly.LoadFrom(spec.AssemblyPath).GetType(spec.TypeName, throwOnError: false);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException)
        {
            throw new PluginLoadException($"cannot load media services assembly {spec.AssemblyPath}: {e.Message}", e);
        }

        return Create(type ?? throw new PluginLoadException($"media services type {spec.TypeName} not found in {spec.AssemblyPath}"));
    }
}
