using System.Globalization;
using Editing.Otio.OpenTime;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Host.Providers;

/// <summary>
/// Capability negotiation between what a tool asks and what the chosen model can do.
/// <list type="bullet">
/// <item><see cref="Check(string, ModelCapabilities, ExpectedGeneration, IReadOnlyCollection{string})"/>: at validation
/// time, before any generation, every capability the model lacks for an item, as errors naming provider, model and the
/// missing capability, unless a named <see cref="GenerationFallback"/> allows going without it (then a warning).</item>
/// <item><see cref="ApplyFallbacks"/>: the request with the allowed fallbacks applied (drop the last frame, an
/// extension as image-to-video from the edge frame, text-to-video).</item>
/// <item><see cref="Negotiate"/>: the size, rate and frame count to generate: the native size nearest the target's
/// aspect (or the target size rounded to the size multiple), a native rate (the nearest), and the frame count covering
/// the target's duration at that rate rounded <b>up</b> to the model's frame grid and duration limits, so that the
/// host only ever trims. Example: 48 frames at 24 fps on Wan (16 fps, 4n+1) → 2 s → 32 frames → 33.</item>
/// </list>
/// </summary>
public static class CapabilityNegotiator
{
    /// <summary>
    /// The issues with asking <paramref name="model"/> of <paramref name="providerId"/> for
    /// <paramref name="mode"/> with the given frames; see <see cref="Check(string, ModelCapabilities, ExpectedGeneration, IReadOnlyCollection{string})"/>.
    /// </summary>
    public static IReadOnlyList<ValidationIssue> Check(string providerId, ModelCapabilities model, GenerationMode mode, bool needsFirstFrame,
        bool needsLastFrame, IReadOnlyCollection<string> allowedFallbacks) =>
        Check(providerId, model, new ExpectedGeneration(mode, needsFirstFrame, needsLastFrame), allowedFallbacks);

    /// <summary>
    /// Every capability <paramref name="model"/> lacks for <paramref name="expected"/>: an error naming the provider,
    /// the model and what is missing, or a warning saying what the allowed fallback will do instead. Durations longer
    /// than the model makes in one request are errors (no fallback shortens a clip).
    /// </summary>
    public static IReadOnlyList<ValidationIssue> Check(string providerId, ModelCapabilities model, ExpectedGeneration expected,
        IReadOnlyCollection<string> allowedFallbacks)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(allowedFallbacks);
        var issues = new List<ValidationIssue>();
        foreach (var name in allowedFallbacks.Where(f => !GenerationFallback.IsKnown(f)))
        {
            issues.Add(ValidationIssue.Error("fallback", $"unknown fallback '{name}' (known: {string.Join(", ", GenerationFallback.All)})"));
        }

        var who = $"provider {providerId}, model {model.ModelId}";
        var plan = Plan(model, expected.Mode, expected.NeedsFirstFrame, expected.NeedsLastFrame, allowedFallbacks);
        foreach (var step in plan.Steps)
        {
            issues.Add(ValidationIssue.Warning("", $"{who}: {step}"));
        }

        foreach (var missing in plan.Missing)
        {
            issues.Add(ValidationIssue.Error("", $"{who} cannot {missing.What}{(missing.Fallback is { } f ? $"; allow --fallback {f} to {FallbackEffect(f)}" : "")}"));
        }

        if (expected.Duration is { } duration && duration.Value > 0 && model.MaxDuration is { } max && duration.ToSeconds() > max.ToSeconds() + 1e-9)
        {
            issues.Add(ValidationIssue.Error("duration", string.Create(CultureInfo.InvariantCulture,
                $"{who} makes at most {max.ToSeconds():0.###} s per request; this item needs {duration.ToSeconds():0.###} s")));
        }

        if (expected.Duration is { } d && model.AllowedDurations.Count > 0 && d.ToSeconds() > model.AllowedDurations.Max(a => a.ToSeconds()) + 1e-9)
        {
            issues.Add(ValidationIssue.Error("duration", string.Create(CultureInfo.InvariantCulture,
                $"{who} makes only {string.Join(", ", model.AllowedDurations.Select(a => a.ToSeconds().ToString("0.###", CultureInfo.InvariantCulture) + " s"))} clips; this item needs {d.ToSeconds():0.###} s")));
        }

        return issues;
    }

    /// <summary>
    /// What a tool will ask of a model for one item, from its descriptor, the item and the normalized values, as far
    /// as it is known before the tool runs: extensions (a <c>side</c> parameter) give the edge frame on the side they
    /// continue, gap fills (<see cref="ToolInput.NeighbourFrames"/>) give the frames of the neighbouring clips that
    /// have media, an item without media generates from text. Null when the tool uses no provider.
    /// </summary>
    public static ExpectedGeneration? Expect(ToolDescriptor tool, ClipContext item, ControlValues values)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(values);
        if (tool.ProviderModes.Count == 0)
        {
            return null;
        }

        var mode = tool.ProviderModes[0];
        var duration = new RationalTime(item.DurationFrames, item.Rate.FramesPerSecond);
        var hasMedia = item.Media is { Exists: true };
        if (mode == GenerationMode.Extension)
        {
            if (values.TryGetTime("duration", out var length))
            {
                duration = length;
            }

            if (!hasMedia)
            {
                return new ExpectedGeneration(GenerationMode.TextToVideo, false, false, duration);
            }

            var head = values.TryGetString("side", out var side) && side == "head";
            return new ExpectedGeneration(GenerationMode.Extension, !head, head, duration);
        }

        if (tool.Inputs.Contains(ToolInput.NeighbourFrames) && mode == GenerationMode.ImageToVideo)
        {
            var first = Gives(values, "first_frame", item.Previous);
            var last = Gives(values, "last_frame", item.Next);
            return first || last
                ? new ExpectedGeneration(GenerationMode.ImageToVideo, first, last, duration)
                : new ExpectedGeneration(GenerationMode.TextToVideo, false, false, duration);
        }

        if (item.Kind == ItemKind.Clip && !hasMedia && tool.ProviderModes.Contains(GenerationMode.TextToVideo))
        {
            return new ExpectedGeneration(GenerationMode.TextToVideo, false, false, duration);
        }

        return new ExpectedGeneration(mode, false, false, duration);
    }

    /// <summary>
    /// <paramref name="request"/> with the allowed fallbacks applied for what <paramref name="model"/> lacks, and a
    /// note per change; or the missing capabilities (as errors) when no allowed fallback covers them.
    /// </summary>
    public static (GenerationRequest Request, IReadOnlyList<string> Notes, IReadOnlyList<ValidationIssue> Errors) ApplyFallbacks(
        string providerId, ModelCapabilities model, GenerationRequest request, IReadOnlyCollection<string> allowedFallbacks)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(allowedFallbacks);
        var plan = Plan(model, request.Mode, request.FirstFrame is not null, request.LastFrame is not null, allowedFallbacks);
        var who = $"provider {providerId}, model {model.ModelId}";
        if (plan.Missing.Count > 0)
        {
            return (request, [], plan.Missing
                .Select(m => ValidationIssue.Error("", $"{who} cannot {m.What}{(m.Fallback is { } f ? $"; allow --fallback {f} to {FallbackEffect(f)}" : "")}"))
                .ToList());
        }

        var adapted = request;
        if (plan.Mode != request.Mode)
        {
            adapted = adapted with { Mode = plan.Mode };
            if (plan.Mode is GenerationMode.ImageToVideo or GenerationMode.TextToVideo)
            {
                adapted = adapted with { Source = null };
            }
        }

        if (!plan.KeepFirst)
        {
            adapted = adapted with { FirstFrame = null };
        }

        if (!plan.KeepLast)
        {
            adapted = adapted with { LastFrame = null };
        }

        return (adapted, plan.Steps.Select(s => $"{who}: {s}").ToList(), []);
    }

    /// <summary>
    /// <paramref name="request"/> with the size, rate and frame count <paramref name="model"/> generates (see the
    /// class remarks). The target itself is what the host conforms the result back to.
    /// </summary>
    public static GenerationRequest Negotiate(ModelCapabilities model, GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        var size = PickSize(model, request.Size);
        var rate = PickRate(model, request.Rate);
        var frames = PickFrameCount(model, request.FrameCount, request.Rate, rate);
        return request with { Size = size, Rate = rate, FrameCount = (int)Math.Min(int.MaxValue, frames) };
    }

    /// <summary>
    /// The size to generate for <paramref name="target"/>: among the native sizes, the one nearest the target's
    /// aspect ratio (log-ratio distance; ties go to the area nearest the target's); without native sizes, the target
    /// rounded to the nearest multiple of <see cref="ModelCapabilities.SizeMultiple"/> (at least one multiple).
    /// Example: 1920×1080 on Wan's {832×480, 480×832, 1280×720} → 1280×720; 1000×562 with multiple 32 → 992×576.
    /// </summary>
    public static PixelSize PickSize(ModelCapabilities model, PixelSize target)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.NativeSizes.Count > 0)
        {
            var aspect = Math.Log(target.Width / (double)Math.Max(1, target.Height));
            var area = Math.Log((double)Math.Max(1, target.Width) * Math.Max(1, target.Height));
            return model.NativeSizes
                .OrderBy(s => Math.Round(Math.Abs(Math.Log(s.Width / (double)s.Height) - aspect), 6))
                .ThenBy(s => Math.Abs(Math.Log((double)s.Width * s.Height) - area))
                .First();
        }

        var m = Math.Max(1, model.SizeMultiple);
        return new PixelSize(Round(target.Width, m), Round(target.Height, m));

        static int Round(int value, int multiple) => Math.Max(multiple, (int)Math.Round(value / (double)multiple, MidpointRounding.AwayFromZero) * multiple);
    }

    /// <summary>
    /// The rate to generate: <paramref name="target"/> when the model takes any rate or lists it; else the native rate
    /// nearest it (ties to the higher). The host conforms to the timeline's rate afterwards.
    /// </summary>
    public static VideoRate PickRate(ModelCapabilities model, VideoRate target)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.NativeRates.Count == 0 || model.NativeRates.Any(r => SameRate(r, target)))
        {
            return target;
        }

        return model.NativeRates
            .OrderBy(r => Math.Abs(r.FramesPerSecond - target.FramesPerSecond))
            .ThenByDescending(r => r.FramesPerSecond)
            .First();
    }

    /// <summary>
    /// Frames to generate at <paramref name="generated"/> so that they cover <paramref name="frames"/> frames at
    /// <paramref name="target"/>: the duration at the new rate, rounded up, then up to the minimum duration, the
    /// smallest allowed duration that covers it, and the frame grid. Example: 48 at 24 fps → 32 at 16 fps → 33 (4n+1).
    /// </summary>
    public static long PickFrameCount(ModelCapabilities model, long frames, VideoRate target, VideoRate generated)
    {
        ArgumentNullException.ThrowIfNull(model);
        // frames × (gNum/gDen) / (tNum/tDen), rounded up, in integers (rates are exact ratios).
        var numerator = (Int128)frames * generated.Numerator * target.Denominator;
        var denominator = (Int128)target.Numerator * generated.Denominator;
        var needed = denominator == 0 ? frames : (long)((numerator + denominator - 1) / denominator);
        needed = Math.Max(1, needed);
        if (model.MinDuration is { } min)
        {
            needed = Math.Max(needed, FramesAt(min, generated));
        }

        if (model.AllowedDurations.Count > 0)
        {
            var covering = model.AllowedDurations.Select(a => FramesAt(a, generated)).Where(a => a >= needed).DefaultIfEmpty(needed).Min();
            needed = covering;
        }

        return model.FrameGrid.RoundUp(needed);
    }

    private static long FramesAt(RationalTime duration, VideoRate rate) =>
        (long)Math.Ceiling((duration.ToSeconds() * rate.Numerator / rate.Denominator) - 1e-9);

    private static bool SameRate(VideoRate a, VideoRate b) => (long)a.Numerator * b.Denominator == (long)b.Numerator * a.Denominator;

    private static string FallbackEffect(string fallback) => fallback switch
    {
        GenerationFallback.FirstFrameOnly => "drop the last frame",
        GenerationFallback.ImageToVideo => "generate image-to-video from the edge frame instead",
        GenerationFallback.TextToVideo => "generate from the prompt alone",
        _ => fallback,
    };

    private static bool Gives(ControlValues values, string id, NeighbourContext? neighbour)
    {
        if (!values.TryGetMediaReference(id, out var reference))
        {
            return false;
        }

        return !reference.IsSymbolic || neighbour is { Kind: ItemKind.Clip, Media.Exists: true };
    }

    private sealed record Missing(string What, string? Fallback);

    private sealed record PlanResult(GenerationMode Mode, bool KeepFirst, bool KeepLast, List<string> Steps, List<Missing> Missing);

    /// <summary>Which fallbacks turn the request into one the model can do, in <see cref="GenerationFallback.All"/> order.</summary>
    private static PlanResult Plan(ModelCapabilities model, GenerationMode mode, bool first, bool last, IReadOnlyCollection<string> allowed)
    {
        var steps = new List<string>();
        var missing = new List<Missing>();
        bool Allowed(string f) => allowed.Contains(f, StringComparer.Ordinal);

        if (!model.Modes.Contains(mode))
        {
            var label = Kebab(mode);
            if (mode == GenerationMode.Extension && model.Modes.Contains(GenerationMode.ImageToVideo) && (first || last))
            {
                if (Allowed(GenerationFallback.ImageToVideo))
                {
                    steps.Add($"has no extension mode; the extension is generated image-to-video from the edge frame (--fallback {GenerationFallback.ImageToVideo})");
                    mode = GenerationMode.ImageToVideo;
                }
                else if (Allowed(GenerationFallback.TextToVideo) && model.Modes.Contains(GenerationMode.TextToVideo))
                {
                    steps.Add($"has no extension mode; the extension is generated from the prompt alone (--fallback {GenerationFallback.TextToVideo})");
                    return new PlanResult(GenerationMode.TextToVideo, false, false, steps, missing);
                }
                else
                {
                    missing.Add(new Missing($"do {label} (its modes: {string.Join(", ", model.Modes.Select(Kebab))})", GenerationFallback.ImageToVideo));
                    return new PlanResult(mode, first, last, steps, missing);
                }
            }
            else if (model.Modes.Contains(GenerationMode.TextToVideo) && Allowed(GenerationFallback.TextToVideo))
            {
                steps.Add($"has no {label} mode; generated from the prompt alone (--fallback {GenerationFallback.TextToVideo})");
                return new PlanResult(GenerationMode.TextToVideo, false, false, steps, missing);
            }
            else
            {
                missing.Add(new Missing($"do {label} (its modes: {string.Join(", ", model.Modes.Select(Kebab))})",
                    model.Modes.Contains(GenerationMode.TextToVideo) ? GenerationFallback.TextToVideo : null));
                return new PlanResult(mode, first, last, steps, missing);
            }
        }

        // An extension conditions on its source video; its edge frame is a hint the model may not take as a keyframe.
        if (mode == GenerationMode.Extension)
        {
            return new PlanResult(mode, first && model.SupportsFirstFrame, last && model.SupportsLastFrame, steps, missing);
        }

        var keepFirst = first;
        var keepLast = last;
        if (last && !model.SupportsLastFrame)
        {
            if (Allowed(GenerationFallback.FirstFrameOnly))
            {
                steps.Add($"cannot end on a given last frame; the last frame is dropped (--fallback {GenerationFallback.FirstFrameOnly})");
                keepLast = false;
            }
            else if (Allowed(GenerationFallback.TextToVideo) && model.Modes.Contains(GenerationMode.TextToVideo))
            {
                steps.Add($"cannot end on a given last frame; generated from the prompt alone (--fallback {GenerationFallback.TextToVideo})");
                return new PlanResult(GenerationMode.TextToVideo, false, false, steps, missing);
            }
            else
            {
                missing.Add(new Missing("end on a given last frame (it takes a first frame only)", GenerationFallback.FirstFrameOnly));
            }
        }

        if (first && !model.SupportsFirstFrame)
        {
            if (Allowed(GenerationFallback.TextToVideo) && model.Modes.Contains(GenerationMode.TextToVideo))
            {
                steps.Add($"cannot start on a given first frame; generated from the prompt alone (--fallback {GenerationFallback.TextToVideo})");
                return new PlanResult(GenerationMode.TextToVideo, false, false, steps, missing);
            }

            missing.Add(new Missing("start on a given first frame", model.Modes.Contains(GenerationMode.TextToVideo) ? GenerationFallback.TextToVideo : null));
        }

        if (mode == GenerationMode.ImageToVideo && !keepFirst && !keepLast && missing.Count == 0)
        {
            if (model.Modes.Contains(GenerationMode.TextToVideo) && Allowed(GenerationFallback.TextToVideo))
            {
                steps.Add($"no frame is left to start or end on; generated from the prompt alone (--fallback {GenerationFallback.TextToVideo})");
                return new PlanResult(GenerationMode.TextToVideo, false, false, steps, missing);
            }

            missing.Add(new Missing("do image-to-video without a frame to start or end on",
                model.Modes.Contains(GenerationMode.TextToVideo) ? GenerationFallback.TextToVideo : null));
        }

        return new PlanResult(mode, keepFirst, keepLast, steps, missing);
    }

    private static string Kebab(GenerationMode mode) => mode switch
    {
        GenerationMode.TextToVideo => "text-to-video",
        GenerationMode.ImageToVideo => "image-to-video",
        GenerationMode.VideoToVideo => "video-to-video",
        _ => mode.ToString().ToLowerInvariant(),
    };
}
