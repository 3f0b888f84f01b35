using System.Text.Json;
using Editing.Providers.Previs.Modes;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;

namespace Editing.Providers.Previs;

/// <summary>
/// The embedded default provider <c>editing.previs</c>, model <c>previs-1</c>: deterministic, CPU-only stand-ins with
/// real pixels for every generation mode, so that a cut can be built and reviewed before any paid model runs. The same
/// request and seed give a byte-identical file. All media work goes through <see cref="PluginContext.Media"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Text-to-video: a storyboard card; a slowly drifting seeded colour field with a safe-frame guide, the prompt,
/// the slate's shot name and title, <c>PREVIS · seed N · previs-1</c> and a running timecode burnt in.</item>
/// <item>Image-to-video: a camera move (pan, tilt, roll, zoom, truck, pedestal, eased) over the first frame, or ending
/// on the last frame; with both, an interpolated transition from one to the other.</item>
/// <item>Extension: the edge frame carried on with the source's estimated global motion, decaying; a still source
/// gives an exact hold of the edge frame (with seeded grain when the setting <c>hold_grain</c> asks for it).</item>
/// <item>Interpolation: the source range retimed to the requested frame count.</item>
/// <item>Video-to-video: the source recoloured towards the first reference image (mean and deviation per channel in
/// YCbCr), blended by strength.</item>
/// <item>Upscale: Lanczos resize and a mild unsharp mask.</item>
/// </list>
/// </remarks>
public sealed class PrevisProvider : IModelProvider
{
    /// <inheritdoc/>
    public ProviderDescriptor Descriptor => PrevisModel.Descriptor;

    /// <summary>Every problem with the request at once: missing or unreadable inputs for its mode, odd or empty sizes,
    /// bad rates, counts, strength or slate timecode (errors), and ignored settings (warnings).</summary>
    public IReadOnlyList<ValidationIssue> Validate(GenerationRequest request) => RequestValidator.Validate(request);

    /// <inheritdoc/>
    public async Task<GenerationResult> GenerateAsync(GenerationRequest request, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var issues = RequestValidator.Validate(request);
        var errors = issues.Where(i => i.Severity == ValidationSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new PluginException("previs cannot make this request: " + string.Join("; ", errors)) { Code = "INVALID_REQUEST" };
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken);
        var job = new PrevisJob(request, context, linked.Token);
        var outcome = request.Mode switch
        {
            GenerationMode.TextToVideo => await SlateCard.GenerateAsync(job).ConfigureAwait(false),
            GenerationMode.ImageToVideo when request.FirstFrame is not null && request.LastFrame is not null
                => await StillTransition.GenerateAsync(job).ConfigureAwait(false),
            GenerationMode.ImageToVideo => await CameraMove.GenerateAsync(job).ConfigureAwait(false),
            GenerationMode.Extension => await MotionExtension.GenerateAsync(job).ConfigureAwait(false),
            GenerationMode.Interpolation => await Retime.GenerateAsync(job).ConfigureAwait(false),
            GenerationMode.VideoToVideo => await Restyle.GenerateAsync(job).ConfigureAwait(false),
            GenerationMode.Upscale => await Upscale.GenerateAsync(job).ConfigureAwait(false),
            _ => throw new PluginException($"previs does not know the mode {request.Mode}"),
        };
        context.ReportProgress(1, "done");

        return new GenerationResult
        {
            VideoPath = outcome.Path,
            FrameCount = request.FrameCount,
            Size = request.Size,
            Rate = request.Rate,
            Seed = request.Seed,
            ProviderId = PrevisModel.ProviderId,
            ProviderVersion = PrevisModel.ProviderVersion,
            ModelId = PrevisModel.ModelId,
            ModelVersion = PrevisModel.ModelVersion,
            TrainingData = PrevisModel.TrainingData,
            Warnings = issues.Where(i => i.Severity == ValidationSeverity.Warning).Select(i => i.ToString()).ToList(),
            Metadata = Metadata(request, outcome.Details),
        };
    }

    private static JsonElement Metadata(GenerationRequest request, IReadOnlyList<KeyValuePair<string, object>> details)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("mode", JsonNamingPolicy.KebabCaseLower.ConvertName(request.Mode.ToString()));
            foreach (var (key, value) in details)
            {
                switch (value)
                {
                    case string text:
                        writer.WriteString(key, text);
                        break;
                    case double number:
                        writer.WriteNumber(key, Math.Round(number, 4));
                        break;
                    case int number:
                        writer.WriteNumber(key, number);
                        break;
                    case bool flag:
                        writer.WriteBoolean(key, flag);
                        break;
                    default:
                        writer.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
