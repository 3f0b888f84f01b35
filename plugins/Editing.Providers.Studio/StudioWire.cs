using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Otio.OpenTime;
using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Studio;

/// <summary>The protocol's JSON (docs/studio-provider.openapi.yaml) to and from the SDK's types.</summary>
internal static class StudioWire
{
    public const string Protocol = "editing-studio/1";

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

    /// <summary>The models of a <c>/v1/capabilities</c> answer.</summary>
    /// <exception cref="PluginException">The answer does not follow the protocol; the message says where.</exception>
    public static IReadOnlyList<ModelCapabilities> ParseCapabilities(JsonObject json, string source)
    {
        if (json["protocol"]?.ToString() is { } protocol && protocol != Protocol)
        {
            throw Bad(source, "$.protocol", $"speaks '{protocol}', this provider speaks {Protocol}");
        }

        if (json["models"] is not JsonArray models || models.Count == 0)
        {
            throw Bad(source, "$.models", "expected a non-empty array of models");
        }

        return models.Select((m, i) => ParseModel(m as JsonObject ?? throw Bad(source, $"$.models[{i}]", "expected an object"), source, $"$.models[{i}]")).ToList();
    }

    private static ModelCapabilities ParseModel(JsonObject m, string source, string at)
    {
        string Text(string name, bool required = false) => m[name] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            null when !required => "",
            _ => throw Bad(source, $"{at}.{name}", "expected a string"),
        };

        bool Flag(string name) => m[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

        RationalTime? Seconds(string name) => m[name] is JsonValue v && v.TryGetValue<double>(out var d) && d > 0 ? new RationalTime(d, 1) : null;

        var modes = (m["modes"] as JsonArray ?? throw Bad(source, $"{at}.modes", "expected an array")).Select(x => x?.ToString() switch
        {
            "text-to-video" => GenerationMode.TextToVideo,
            "image-to-video" => GenerationMode.ImageToVideo,
            "video-to-video" => GenerationMode.VideoToVideo,
            "extension" => GenerationMode.Extension,
            "interpolation" => GenerationMode.Interpolation,
            "upscale" => GenerationMode.Upscale,
            var other => throw Bad(source, $"{at}.modes", $"unknown mode '{other}'"),
        }).ToList();
        var sizes = (m["native_sizes"] as JsonArray ?? []).Select(s =>
        {
            var parts = s?.ToString().Split('x') ?? [];
            return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h) && w > 0 && h > 0
                ? new PixelSize(w, h)
                : throw Bad(source, $"{at}.native_sizes", $"'{s}' is not WIDTHxHEIGHT");
        }).ToList();
        var rates = (m["native_rates"] as JsonArray ?? []).Select(r =>
        {
            try
            {
                return VideoRate.Parse(r?.ToString() ?? "");
            }
            catch (FormatException)
            {
                throw Bad(source, $"{at}.native_rates", $"'{r}' is not a rate like 24 or 24000/1001");
            }
        }).ToList();
        var grid = m["frame_grid"] as JsonObject;
        var training = m["training_data"] as JsonObject;
        return new ModelCapabilities
        {
            ModelId = Text("model_id", required: true),
            Version = Text("version"),
            DisplayName = Text("display_name"),
            Modes = modes,
            NativeSizes = sizes,
            NativeRates = rates,
            SizeMultiple = m["size_multiple"] is JsonValue sm && sm.TryGetValue<int>(out var multiple) && multiple >= 1 ? multiple : 1,
            FrameGrid = new FrameCountGrid(
                grid?["multiple"] is JsonValue gm && gm.TryGetValue<int>(out var gridMultiple) && gridMultiple >= 1 ? gridMultiple : 1,
                grid?["offset"] is JsonValue go && go.TryGetValue<int>(out var offset) && offset >= 0 ? offset : 0),
            MinDuration = Seconds("min_seconds"),
            MaxDuration = Seconds("max_seconds"),
            AllowedDurations = (m["allowed_seconds"] as JsonArray ?? []).Select(a => a is JsonValue v && v.TryGetValue<double>(out var d) && d > 0
                ? new RationalTime(d, 1) : throw Bad(source, $"{at}.allowed_seconds", "expected positive numbers")).ToList(),
            SupportsFirstFrame = Flag("first_frame"),
            SupportsLastFrame = Flag("last_frame"),
            SupportsNegativePrompt = Flag("negative_prompt"),
            SupportsCameraMotion = Flag("camera_motion"),
            MaxPromptLength = m["max_prompt_length"] is JsonValue mp && mp.TryGetValue<int>(out var max) && max > 0 ? max : null,
            DeterministicSeed = Flag("deterministic_seed"),
            TrainingData = training is null
                ? TrainingDataDeclaration.Undeclared
                : new TrainingDataDeclaration(training["source"]?.ToString() ?? "undeclared", training["licence"]?.ToString() ?? "", training["reference"]?.ToString() ?? ""),
        };
    }

    public static JsonObject Request(GenerationRequest r, string modelId, int width, int height, VideoRate rate, int frames)
    {
        var json = new JsonObject
        {
            ["model"] = modelId,
            ["mode"] = Mode(r.Mode),
            ["width"] = width,
            ["height"] = height,
            ["rate"] = Rate(rate),
            ["frame_count"] = frames,
            ["seed"] = r.Seed,
            ["prompt"] = r.Prompt,
            ["negative_prompt"] = r.NegativePrompt,
            ["direction"] = r.Direction == ExtensionDirection.Backward ? "backward" : "forward",
        };
        if (r.Strength is { } strength)
        {
            json["strength"] = strength;
        }

        if (r.CameraMotion is { IsNone: false } motion)
        {
            json["camera_motion"] = JsonNode.Parse(JsonSerializer.Serialize(motion, SdkJson.Options));
        }

        if (r.Slate is { } slate)
        {
            json["slate"] = new JsonObject { ["shot_name"] = slate.ShotName, ["start_timecode"] = slate.StartTimecode, ["title"] = slate.Title };
        }

        return json;
    }

    private static PluginException Bad(string source, string where, string problem) =>
        new($"studio capabilities from {source}: {where}: {problem}") { Code = "BAD_CAPABILITIES" };
}
