using Editing.Media;
using Editing.Media.Probe;
using Editing.Media.Transcoding;
using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Host.Providers;

/// <summary>
/// A <see cref="ProviderAccess"/> that negotiates every request against the selected model before the provider sees
/// it, and conforms the result back to what the tool asked for. In order:
/// <list type="number">
/// <item>the allowed <see cref="GenerationFallback"/>s are applied for what the model lacks; a request the model
/// cannot do without a fallback that was not allowed is refused (<see cref="PluginException"/>, code
/// <c>CAPABILITY</c>) before any generation;</item>
/// <item>size, rate and frame count are negotiated (<see cref="CapabilityNegotiator.Negotiate"/>): native size or the
/// size multiple, a native rate, the frame count rounded up to the grid;</item>
/// <item>the result is conformed (rate by frame times, then trimmed to the exact frame count, scaled to cover the
/// size) into the scratch folder unless it already has the tool's size, rate and frame count.</item>
/// </list>
/// The result then has exactly the request's size, rate and frame count, as <see cref="ProviderAccess"/> promises;
/// notes about negotiation and fallbacks are added to its warnings.
/// </summary>
public sealed class NegotiatingProviderAccess : ProviderAccess
{
    private readonly ProviderAccess _inner;
    private readonly string _scratchDirectory;
    private readonly IReadOnlyCollection<string> _fallbacks;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The access that reaches the provider (e.g. the plugin host's).</param>
    /// <param name="scratchDirectory">Where conformed results are written (created when missing).</param>
    /// <param name="allowedFallbacks">The fallbacks the editor allowed (<see cref="GenerationFallback"/> names).</param>
    public NegotiatingProviderAccess(ProviderAccess inner, string scratchDirectory, IReadOnlyCollection<string>? allowedFallbacks = null)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        ArgumentException.ThrowIfNullOrEmpty(scratchDirectory);
        _scratchDirectory = scratchDirectory;
        _fallbacks = allowedFallbacks ?? [];
    }

    /// <inheritdoc/>
    public override ProviderDescriptor Selected => _inner.Selected;

    /// <inheritdoc/>
    public override ModelCapabilities SelectedModel => _inner.SelectedModel;

    /// <inheritdoc/>
    public override async Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = SelectedModel;
        var (adapted, notes, errors) = CapabilityNegotiator.ApplyFallbacks(Selected.Id, model, request, _fallbacks);
        if (errors.Count > 0)
        {
            throw new PluginException(string.Join("; ", errors.Select(e => e.Message))) { Code = "CAPABILITY" };
        }

        var negotiated = CapabilityNegotiator.Negotiate(model, adapted) with { ModelId = request.ModelId ?? model.ModelId };
        var result = await _inner.GenerateAsync(negotiated, cancellationToken).ConfigureAwait(false);
        var warnings = result.Warnings.Concat(notes).ToList();
        if (negotiated.Size != request.Size || negotiated.Rate != request.Rate || negotiated.FrameCount != request.FrameCount)
        {
            warnings.Add($"generated {negotiated.FrameCount} frames at {negotiated.Size}, {negotiated.Rate} fps for {model.ModelId}; conformed to {request.FrameCount} frames at {request.Size}, {request.Rate} fps");
        }

        if (result.Size == request.Size && result.Rate == request.Rate && result.FrameCount == request.FrameCount)
        {
            return result with { Warnings = warnings };
        }

        Directory.CreateDirectory(_scratchDirectory);
        var output = Path.Combine(_scratchDirectory, $"conformed-{Guid.NewGuid():N}.mov");
        var spec = new ConformSpec
        {
            Rate = new FrameRate(request.Rate.Numerator, request.Rate.Denominator),
            Width = request.Size.Width,
            Height = request.Size.Height,
            FrameCount = request.FrameCount,
            Scale = ScalePolicy.Fill,
            Codec = CodecProfile.ProRes422HQ,
        };
        MediaInfo info;
        try
        {
            info = await Conformer.ConformAsync(result.VideoPath, spec, output, null, cancellationToken).ConfigureAwait(false);
        }
        catch (MediaException e)
        {
            throw new PluginException($"the output of provider {Selected.Id}, model {model.ModelId} cannot be conformed: {e.Message}") { Code = "BAD_OUTPUT" };
        }

        return result with
        {
            VideoPath = output,
            FrameCount = info.Video?.FrameCount ?? request.FrameCount,
            Size = new PixelSize(request.Size.Width, request.Size.Height),
            Rate = request.Rate,
            Warnings = warnings,
        };
    }
}
