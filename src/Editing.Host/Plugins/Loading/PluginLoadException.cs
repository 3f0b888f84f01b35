namespace Editing.Host.Plugins.Loading;

/// <summary>A plugin's code could not be loaded or does not match its plugin.json; the message says what and where.</summary>
internal sealed class PluginLoadException : Exception
{
    public PluginLoadException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
