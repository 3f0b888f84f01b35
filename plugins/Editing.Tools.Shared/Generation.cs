using Editing.Sdk;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Tools.Shared;

/// <summary>Calls the chosen provider through the host and checks the promise the host makes about the result.</summary>
internal static class Generation
{
    /// <summary>
    /// Generates <paramref name="request"/>. The host conforms the result to the request's frame count, so a different
    /// count is a host or provider bug; tools that splice the frames into other material cannot go on with it.
    /// </summary>
    public static async Task<GenerationResult> RunAsync(ToolContext context, GenerationRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = await context.Providers.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.FrameCount != request.FrameCount)
        {
            throw new PluginException(
                $"the provider returned {result.FrameCount} frames for a request of {request.FrameCount} ({request.Mode}); the host should have conformed it");
        }

        return result;
    }

    /// <summary>The chosen model, or null when the call was made without a provider (its access then throws).</summary>
    public static ModelCapabilities? SelectedModelOrNull(ToolContext context)
    {
        try
        {
            return context.Providers.SelectedModel;
        }
        catch (PluginException)
        {
            return null;
        }
    }

    /// <summary>The frame count as the request's <see cref="int"/>, refusing absurd lengths.</summary>
    public static int Count(long frames) => frames is > 0 and <= int.MaxValue
        ? (int)frames
        : throw new PluginException($"cannot generate {frames} frames");
}
