namespace Editing.Host.Plugins;

/// <summary>Where a plugin's code runs (<c>runtime</c> in plugin.json).</summary>
public enum PluginRuntime
{
    /// <summary><c>"process"</c> (the default): in its own worker process, so a crash, hang or native fault takes down
    /// only that call.</summary>
    Process,

    /// <summary><c>"inproc"</c>: in the host process, for trusted built-ins (honoured only as
    /// <see cref="PluginHostOptions.InProcessPolicy"/> allows).</summary>
    InProcess,
}
