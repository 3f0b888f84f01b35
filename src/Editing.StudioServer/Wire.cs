using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.StudioServer;

/// <summary>The protocol's JSON (docs/studio-provider.openapi.yaml) to and from the SDK's types.</summary>
internal static class Wire
{
    public static string Rate(VideoRate rate) =>
        rate.Denominator == 1 ? rate.Numerator.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{rate.Numerator}/{rate.Denominator}");

    public static string Mode(GenerationMode mode) => mode switch
    {
        GenerationMode.TextToVideo => "text-to-video",
        GenerationMode.ImageToVideo => "image-to-video",
        GenerationMode.VideoToVideo => "video-to-video",
        GenerationMode.Extension => "extension",
        GenerationMode.Interpolation => "interpolation",
        _ => "upscale",
    };

    public static GenerationMode? ParseMode(string? text) => text switch
    {
        "text-to-video" => GenerationMode.TextToVideo,
        "image-to-video" => GenerationMode.ImageToVideo,
        "video-to-video" => GenerationMode.VideoToVideo,
        "extension" => GenerationMode.Extension,
        "interpolation" => GenerationMode.Interpolation,
        "upscale" => GenerationMode.Upscale,
        _ => null,
    };

    public static JsonObject Model(ModelCapabilities m) => new()
    {
        ["model_id"] = m.ModelId,
        ["version"] = m.Version,
        ["display_name"] = m.DisplayName,
        ["modes"] = Array(m.Modes.Select(Mode)),
        ["native_sizes"] = Array(m.NativeSizes.Select(s => s.ToString())),
        ["native_rates"] = Array(m.NativeRates.Select(Rate)),
        ["size_multiple"] = m.SizeMultiple,
        ["frame_grid"] = new JsonObject { ["multiple"] = m.FrameGrid.Multiple, ["offset"] = m.FrameGrid.Offset },
        ["min_seconds"] = m.MinDuration is { } min ? Math.Round(min.ToSeconds(), 6) : null,
        ["max_seconds"] = m.MaxDuration is { } max ? Math.Round(max.ToSeconds(), 6) : null,
        ["allowed_seconds"] = new JsonArray(m.AllowedDurations.Select(d => (JsonNode)JsonValue.Create(Math.Round(d.ToSeconds(), 6))).ToArray()),
        ["first_frame"] = m.SupportsFirstFrame,
        ["last_frame"] = m.SupportsLastFrame,
        ["negative_prompt"] = m.SupportsNegativePrompt,
        ["camera_motion"] = m.SupportsCameraMotion,
        ["max_prompt_length"] = m.MaxPromptLength,
        ["deterministic_seed"] = m.DeterministicSeed,
        ["training_data"] = new JsonObject { ["source"] = m.TrainingData.Source, ["licence"] = m.TrainingData.Licence, ["reference"] = m.TrainingData.Reference },
    };

    /// <summary>
    /// The request's fields, every problem at once (as a 422 <c>invalid-input</c> problem); the conditioning files
    /// are attached by the caller.
    /// </summary>
    public static GenerationRequest ParseRequest(JsonObject json, Func<string?, ModelCapabilities?> findModel)
    {
        var errors = new List<(string, string)>();
        var modelId = Text(json, "model");
        var model = findModel(modelId);
        if (model is null)
        {
            throw new ProblemException(new Problem(422, "unknown-model", "Unknown model", $"this server has no model '{modelId}'"));
        }

        var mode = ParseMode(Text(json, "mode"));
        if (mode is null)
        {
            errors.Add(("mode", $"expected one of text-to-video, image-to-video, video-to-video, extension, interpolation, upscale; got '{Text(json, "mode")}'"));
        }

        var width = Int(json, "width", errors);
        var height = Int(json, "height", errors);
        var frames = Int(json, "frame_count", errors);
        VideoRate rate = default;
        try
        {
            rate = VideoRate.Parse(Text(json, "rate") ?? "");
        }
        catch (FormatException)
        {
            errors.Add(("rate", $"expected an exact rate like \"24\" or \"24000/1001\", got '{json["rate"]?.ToJsonString()}'"));
        }

        long seed = 0;
        if (json["seed"] is JsonValue s && (!s.TryGetValue(out seed) || seed < 0))
        {
            errors.Add(("seed", "expected a whole number ≥ 0"));
        }

        double? strength = null;
        if (json["strength"] is JsonValue st)
        {
            strength = st.TryGetValue<double>(out var d) && d is >= 0 and <= 1 ? d : null;
            if (strength is null)
            {
                errors.Add(("strength", "expected a number from 0 to 1"));
            }
        }

        CameraMotion? motion = null;
        if (json["camera_motion"] is JsonObject cm)
        {
            try
            {
                motion = JsonSerializer.Deserialize<CameraMotion>(cm.ToJsonString(), SdkJson.Options);
            }
            catch (Exception e) when (e is JsonException or ArgumentException)
            {
                errors.Add(("camera_motion", e.Message));
            }
        }

        if (mode is { } m && !model.Modes.Contains(m))
        {
            throw new ProblemException(new Problem(422, "unsupported", "Mode not supported", $"model {model.ModelId} cannot do {Mode(m)} (its modes: {string.Join(", ", model.Modes.Select(Mode))})"));
        }

        if (errors.Count > 0)
        {
            throw new ProblemException(new Problem(422, "invalid-input", "Invalid request", $"{errors.Count} problem(s) with the request") { Errors = errors });
        }

        var slate = json["slate"] as JsonObject;
        return new GenerationRequest
        {
            Mode = mode!.Value,
            ModelId = model.ModelId,
            Size = new PixelSize(width, height),
            Rate = rate,
            FrameCount = frames,
            Seed = seed,
            Prompt = Text(json, "prompt") ?? "",
            NegativePrompt = Text(json, "negative_prompt") ?? "",
            Direction = Text(json, "direction") == "backward" ? ExtensionDirection.Backward : ExtensionDirection.Forward,
            Strength = strength,
            CameraMotion = motion,
            Slate = slate is null ? null : new SlateInfo(Text(slate, "shot_name") ?? "", Text(slate, "start_timecode"), Text(slate, "title") ?? ""),
        };
    }

    private static JsonArray Array(IEnumerable<string> items) => new(items.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());

    private static string? Text(JsonObject obj, string name) => obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int Int(JsonObject obj, string name, List<(string, string)> errors)
    {
        if (obj[name] is JsonValue v && v.TryGetValue<int>(out var i) && i > 0)
        {
            return i;
        }

        errors.Add((name, "expected a whole number ≥ 1"));
        return 1;
    }
}
