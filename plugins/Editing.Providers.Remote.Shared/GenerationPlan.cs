using Editing.Sdk.Controls;
using Editing.Sdk.Providers;

namespace Editing.Providers.Remote;

/// <summary>What a vendor job is given: a prompt only, conditioning stills, or a source video.</summary>
internal enum JobInput
{
    /// <summary>Text to video.</summary>
    Text,

    /// <summary>Image to video from a first frame, a last frame or both.</summary>
    Images,

    /// <summary>A source video (video to video, upscale).</summary>
    Video,
}

/// <summary>
/// A generation request mapped onto one model of a vendor: the size option and whole-second duration to ask for, the
/// stills to send and where they go, the prompt as the vendor takes it, and what the editor should be told. Extension
/// is image-to-video from the clip's edge frame (its last frame as the first generated frame for a tail; its first
/// frame as the last generated frame for a head, only on models that can end on a frame alone), the way the vendors
/// document continuing a shot from a still.
/// </summary>
internal sealed record GenerationPlan
{
    /// <summary>The model.</summary>
    public required ModelEntry Model { get; init; }

    /// <summary>The request it came from.</summary>
    public required GenerationRequest Request { get; init; }

    /// <summary>The size option asked for.</summary>
    public required SizeOption Size { get; init; }

    /// <summary>Whole seconds asked for.</summary>
    public required int Seconds { get; init; }

    /// <summary>What the job is given.</summary>
    public required JobInput Input { get; init; }

    /// <summary>The prompt to send (may be a documented default when the model needs one and none was given).</summary>
    public required string Prompt { get; init; }

    /// <summary>The negative prompt to send, empty when none or when the model takes none.</summary>
    public string NegativePrompt { get; init; } = "";

    /// <summary>The still the first generated frame matches, or null.</summary>
    public string? FirstFrame { get; init; }

    /// <summary>The still the last generated frame matches, or null.</summary>
    public string? LastFrame { get; init; }

    /// <summary>The seed to send, or null when the model takes none.</summary>
    public long? Seed { get; init; }

    /// <summary>Things the editor should know.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Frames the vendor returns at its rate for <see cref="Seconds"/>.</summary>
    public long VendorFrames => (long)Math.Round(Seconds * (double)Model.Rate.Numerator / Model.Rate.Denominator);

    /// <summary>The request checked against <paramref name="model"/>: every problem (errors and warnings) at once.</summary>
    public static IReadOnlyList<ValidationIssue> Check(ModelEntry model, GenerationRequest request, string providerId) =>
        Make(model, request, providerId, "").Issues;

    /// <summary>The plan, or a <see cref="RemoteFailure.BadRequest"/> listing every error.</summary>
    /// <param name="model">The model.</param>
    /// <param name="request">The request.</param>
    /// <param name="providerId">Named in messages.</param>
    /// <param name="defaultPrompt">Sent when the model needs a prompt, the request has none and has images.</param>
    public static GenerationPlan Create(ModelEntry model, GenerationRequest request, string providerId, string defaultPrompt)
    {
        var (plan, issues) = Make(model, request, providerId, defaultPrompt);
        return plan ?? throw new RemoteProviderException(RemoteFailure.BadRequest,
            $"{providerId}: model {model.Id} cannot do this request: "
            + string.Join("; ", issues.Where(i => i.Severity == ValidationSeverity.Error).Select(i => i.Message)));
    }

    private static (GenerationPlan? Plan, IReadOnlyList<ValidationIssue> Issues) Make(ModelEntry model, GenerationRequest request, string providerId,
        string defaultPrompt)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        var issues = new List<ValidationIssue>();
        var warnings = new List<string>();
        var caps = model.Capabilities;
        void Error(string message) => issues.Add(ValidationIssue.Error("", $"{providerId} model {model.Id}: {message}"));
        void Warn(string message)
        {
            issues.Add(ValidationIssue.Warning("", $"{providerId} model {model.Id}: {message}"));
            warnings.Add(message);
        }

        if (!caps.Modes.Contains(request.Mode))
        {
            Error($"cannot do {Name(request.Mode)} (it does {string.Join(", ", caps.Modes.Select(Name))})");
        }

        string? first = null, last = null;
        var input = JobInput.Text;
        switch (request.Mode)
        {
            case GenerationMode.ImageToVideo:
            case GenerationMode.Extension:
                first = request.FirstFrame;
                last = request.LastFrame;
                input = JobInput.Images;
                if (first is null && last is null)
                {
                    Error(request.Mode == GenerationMode.Extension
                        ? "an extension needs the clip's edge frame (the clip has no media?)"
                        : "image-to-video needs a first or a last frame");
                }

                break;
            case GenerationMode.VideoToVideo:
            case GenerationMode.Upscale:
                input = JobInput.Video;
                if (request.Source is null)
                {
                    Error($"{Name(request.Mode)} needs a source video");
                }

                break;
            case GenerationMode.TextToVideo:
                break;
            default:
                Error($"{Name(request.Mode)} is not offered by remote models");
                break;
        }

        if (first is not null && !caps.SupportsFirstFrame)
        {
            Error("cannot start on a given frame (it has no first-frame input)");
        }

        if (last is not null && !caps.SupportsLastFrame)
        {
            Error(request.Mode == GenerationMode.Extension
                ? "cannot end on a given frame, so it cannot extend a clip's head (use a tail extension, or a model with last-frame support)"
                : "cannot end on a given frame (it has no last-frame input); choose a model with last-frame support");
        }
        else if (last is not null && first is null && model.LastFrameNeedsFirst)
        {
            Error(request.Mode == GenerationMode.Extension
                ? "can end on a given frame only when it also starts on one, so it cannot extend a clip's head"
                : "can end on a given frame only when it also starts on one; give a first frame too");
        }

        foreach (var still in new[] { first, last })
        {
            if (still is not null && !File.Exists(still))
            {
                Error($"the conditioning frame {still} does not exist");
            }
        }

        if (request.Mode == GenerationMode.Extension && first is not null)
        {
            warnings.Add("the extension was generated image-to-video from the clip's edge frame: the model sees that frame, not the clip's motion");
        }

        var prompt = request.Prompt.Trim();
        if (!model.TakesPrompt && prompt.Length > 0)
        {
            Warn("takes no prompt; it was not sent");
            prompt = "";
        }
        else if (prompt.Length == 0 && model.PromptRequired)
        {
            if (input == JobInput.Text || defaultPrompt.Length == 0)
            {
                Error("needs a prompt (--param prompt=...)");
            }
            else
            {
                prompt = defaultPrompt;
                Warn($"needs a prompt and none was given; sent \"{defaultPrompt}\"");
            }
        }
        else if (prompt.Length == 0 && input == JobInput.Text && model.TakesPrompt)
        {
            Error("text-to-video needs a prompt (--param prompt=...)");
        }

        if (caps.MaxPromptLength is { } max && prompt.Length > max)
        {
            prompt = prompt[..max];
            Warn($"the prompt was shortened to the model's {max} characters");
        }

        var negative = request.NegativePrompt.Trim();
        if (negative.Length > 0 && !caps.SupportsNegativePrompt)
        {
            Warn("takes no negative prompt; it was not sent");
            negative = "";
        }

        var size = model.ChooseSize(request.Size);
        var seconds = model.ChooseDuration(request.FrameCount, size, last is not null);
        if (seconds is null)
        {
            var allowed = model.AllowedDurations(size, last is not null);
            Error(allowed.Count == 0
                ? $"offers no duration at {size.Size}{(last is not null ? " with a last frame" : "")}"
                : $"makes at most {allowed[^1]} s ({allowed[^1] * model.Rate.Numerator / model.Rate.Denominator} frames at {model.Rate} fps)"
                    + $"{(last is not null ? " with a last frame" : "")}; the request needs {request.FrameCount} frames");
        }

        if (issues.Any(i => i.Severity == ValidationSeverity.Error))
        {
            return (null, issues);
        }

        var plan = new GenerationPlan
        {
            Model = model,
            Request = request,
            Size = size,
            Seconds = seconds!.Value,
            Input = input,
            Prompt = prompt,
            NegativePrompt = negative,
            FirstFrame = first,
            LastFrame = last,
            Seed = model.AcceptsSeed ? request.Seed : null,
            Warnings = warnings,
        };
        return (plan, issues);
    }

    /// <summary><c>image_to_video</c>.</summary>
    public static string Name(GenerationMode mode) => mode switch
    {
        GenerationMode.TextToVideo => "text_to_video",
        GenerationMode.ImageToVideo => "image_to_video",
        GenerationMode.VideoToVideo => "video_to_video",
        GenerationMode.Extension => "extension",
        GenerationMode.Interpolation => "interpolation",
        GenerationMode.Upscale => "upscale",
        _ => mode.ToString(),
    };
}
