namespace Editing.Sdk;

/// <summary>
/// Where plugins log. Never log secrets (API keys, auth headers): logs end up in job journals and bug reports.
/// In a worker process, logs travel to the host over the protocol; plugins must not write to stdout.
/// </summary>
public interface IPluginLogger
{
    /// <summary>Logs one message.</summary>
    void Log(PluginLogLevel level, string message);
}
