using Editing.Sdk.Media;

namespace Editing.Sdk;

/// <summary>
/// What the host gives a plugin for one call: progress, cancellation, logging, a scratch folder and media services.
/// Implemented by the host; plugins only consume it.
/// </summary>
public abstract class PluginContext
{
    /// <summary>Signalled when the editor cancels; honour it within two seconds.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Where to log.</summary>
    public abstract IPluginLogger Logger { get; }

    /// <summary>An empty folder owned by this call; the host deletes it afterwards unless asked to keep it.</summary>
    public abstract string ScratchDirectory { get; }

    /// <summary>Probe, frame read/write and interpolation.</summary>
    public abstract IMediaServices Media { get; }

    /// <summary>Reports progress of this call.</summary>
    /// <param name="fraction">0..1 of the whole call (values outside are clamped; progress never goes backwards).</param>
    /// <param name="message">What is happening now, or null to keep the last message.</param>
    public abstract void ReportProgress(double fraction, string? message = null);
}
