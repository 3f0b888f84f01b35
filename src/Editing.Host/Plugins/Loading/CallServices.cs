using Editing.Sdk;
using Editing.Sdk.Media;

namespace Editing.Host.Plugins.Loading;

/// <summary>What every plugin call gets, whichever side of the process boundary it runs on.</summary>
/// <param name="CancellationToken">Cancelled when the editor cancels or the call times out.</param>
/// <param name="Logger">Where the plugin's log messages go.</param>
/// <param name="ScratchDirectory">The call's scratch folder.</param>
/// <param name="Media">Media services.</param>
/// <param name="Progress">Receives progress (already clamped and monotonic).</param>
internal sealed record CallServices(
    CancellationToken CancellationToken,
    IPluginLogger Logger,
    string ScratchDirectory,
    IMediaServices Media,
    Action<double, string?> Progress);
