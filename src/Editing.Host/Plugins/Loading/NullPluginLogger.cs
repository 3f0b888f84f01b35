using Editing.Sdk;

namespace Editing.Host.Plugins.Loading;

/// <summary>Drops every message.</summary>
internal sealed class NullPluginLogger : IPluginLogger
{
    public static NullPluginLogger Instance { get; } = new();

    public void Log(PluginLogLevel level, string message)
    {
    }
}
