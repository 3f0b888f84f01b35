using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Otio.OpenTime;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Remote;

/// <summary>One size a model generates and the vendor parameters that ask for it (<c>{"ratio": "1280:720"}</c>).</summary>
/// <param name="Size">Output size.</param>
/// <param name="Parameters">Merged into the vendor request.</param>
/// <param name="Durations">Durations (s) allowed at this size; empty for all of the model's.</param>
internal sealed record SizeOption(PixelSize Size, JsonObject Parameters, IReadOnlyList<int> Durations);

/// <summary>
/// One model of a vendor, read from the plugin's model table (<c>models.json</c>, embedded) or a user's file. Common
/// fields become <see cref="ModelCapabilities"/>; the vendor's own fields (endpoint, parameter names) stay in
/// <see cref="Raw"/> for the provider to read.
/// </summary>
internal sealed record ModelEntry
{
    /// <summary>The vendor's model id.</summary>
    public required string Id { get; init; }

    /// <summary>What the host negotiates against.</summary>
    public required ModelCapabilities Capabilities { get; init; }

    /// <summary>The rate of the vendor's output.</summary>
    public required VideoRate Rate { get; init; }

    /// <summary>Sizes and the parameters that select them, in table order.</summary>
    public required IReadOnlyList<SizeOption> Sizes { get; init; }

    /// <summary>Whole-second durations the vendor accepts, ascending.</summary>
    public required IReadOnlyList<int> Durations { get; init; }

    /// <summary>Durations allowed when a last frame is given (Veo: 8 s only); empty for all.</summary>
    public IReadOnlyList<int> LastFrameDurations { get; init; } = [];

    /// <summary>True when the vendor requires a prompt.</summary>
    public bool PromptRequired { get; init; }

    /// <summary>False for models that take no prompt at all (upscalers); a given prompt is then not sent.</summary>
    public bool TakesPrompt { get; init; } = true;

    /// <summary>True when the vendor takes a seed (results are similar, not identical, unless deterministic).</summary>
    public bool AcceptsSeed { get; init; }

    /// <summary>True when a last frame needs a first frame too (no model here can end on a frame alone).</summary>
    public bool LastFrameNeedsFirst { get; init; } = true;

    /// <summary>The whole entry as written.</summary>
    public required JsonElement Raw { get; init; }

    /// <summary>A vendor field as a string, or <paramref name="fallback"/>.</summary>
    public string Text(string field, string fallback = "") =>
        Raw.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : fallback;

    /// <summary>A vendor field as a bool, or <paramref name="fallback"/>.</summary>
    public bool Flag(string field, bool fallback = false) =>
        Raw.TryGetProperty(field, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    /// <summary>The option whose aspect ratio is nearest <paramref name="target"/>'s (then the nearest area).</summary>
    public SizeOption ChooseSize(PixelSize target)
    {
        var aspect = Math.Log(Math.Max(1, target.Width) / (double)Math.Max(1, target.Height));
        var area = Math.Log(Math.Max(1.0, (double)target.Width * target.Height));
        return Sizes.OrderBy(s => Math.Round(Math.Abs(Math.Log(s.Size.Width / (double)s.Size.Height) - aspect), 3))
            .ThenBy(s => Math.Abs(Math.Log((double)s.Size.Width * s.Size.Height) - area))
            .First();
    }

    /// <summary>The shortest allowed duration (s) that holds <paramref name="frames"/> frames at the model's rate, or
    /// null when even the longest is too short.</summary>
    public int? ChooseDuration(long frames, SizeOption size, bool lastFrame)
    {
        ArgumentNullException.ThrowIfNull(size);
        var seconds = frames * (double)Rate.Denominator / Rate.Numerator;
        foreach (var d in AllowedDurations(size, lastFrame))
        {
            if (d + 1e-9 >= seconds)
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>Durations allowed at <paramref name="size"/>, with or without a last frame, ascending.</summary>
    public IReadOnlyList<int> AllowedDurations(SizeOption size, bool lastFrame)
    {
        ArgumentNullException.ThrowIfNull(size);
        IEnumerable<int> all = Durations;
        if (size.Durations.Count > 0)
        {
            all = all.Intersect(size.Durations);
        }

        if (lastFrame && LastFrameDurations.Count > 0)
        {
            all = all.Intersect(LastFrameDurations);
        }

        return [.. all.Order()];
    }
}

/// <summary>
/// A vendor's models as data. The format (one JSON object; comments and trailing commas allowed):
/// <code>
/// { "models": [ {
///     "id": "gen4_turbo", "display_name": "Gen-4 Turbo", "version": "",
///     "modes": ["image_to_video", "extension"],            // text_to_video, image_to_video, video_to_video, extension, upscale
///     "rate": "24",                                          // output rate (24, 30000/1001)
///     "sizes": [ { "size": "1280x720", "params": { "ratio": "1280:720" }, "durations": [8] } ],
///     "durations": [2, 3, 4, 5, 6, 7, 8, 9, 10],             // whole seconds the vendor accepts
///     "last_frame_durations": [8],                           // optional: durations allowed with a last frame
///     "first_frame": true, "last_frame": false, "negative_prompt": false,
///     "prompt_required": false, "takes_prompt": true, "max_prompt_length": 1000, "seed": true,
///     "training_data": { "source": "licensed", "licence": "...", "reference": "..." },
///     ...vendor fields (endpoint, parameter names) } ] }
/// </code>
/// </summary>
internal sealed class ModelTable
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private ModelTable(IReadOnlyList<ModelEntry> models) => Models = models;

    /// <summary>The models, first is the default.</summary>
    public IReadOnlyList<ModelEntry> Models { get; }

    /// <summary>The model with <paramref name="id"/>, the default when null, or null when unknown.</summary>
    public ModelEntry? Find(string? id) => id is null ? Models.FirstOrDefault() : Models.FirstOrDefault(m => m.Id == id);

    /// <summary>This table with <paramref name="other"/>'s models added; a model with the same id is replaced in place.</summary>
    public ModelTable With(ModelTable other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var list = Models.ToList();
        foreach (var m in other.Models)
        {
            var i = list.FindIndex(x => x.Id == m.Id);
            if (i >= 0)
            {
                list[i] = m;
            }
            else
            {
                list.Add(m);
            }
        }

        return new ModelTable(list);
    }

    /// <summary>The table embedded in <paramref name="assembly"/> as the resource <c>models.json</c>.</summary>
    public static ModelTable LoadEmbedded(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream("models.json")
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no embedded models.json");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"{assembly.GetName().Name}:models.json");
    }

    /// <summary>A user's table.</summary>
    /// <exception cref="RemoteProviderException">The file is missing or invalid (<see cref="RemoteFailure.Configuration"/>).</exception>
    public static ModelTable LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RemoteProviderException(RemoteFailure.Configuration, $"{path}: cannot read the model table: {e.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses a table; every problem is reported at once with its JSON path.</summary>
    /// <exception cref="RemoteProviderException">The table is invalid (<see cref="RemoteFailure.Configuration"/>).</exception>
    public static ModelTable Parse(string json, string origin)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new RemoteProviderException(RemoteFailure.Configuration,
                $"{origin}: line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: not valid JSON");
        }

        using (doc)
        {
            var problems = new List<string>();
            var models = new List<ModelEntry>();
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("models", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new RemoteProviderException(RemoteFailure.Configuration, $"{origin}: expected an object with a \"models\" array");
            }

            var i = 0;
            foreach (var m in list.EnumerateArray())
            {
                var entry = ParseModel(m.Clone(), $"$.models[{i++}]", problems);
                if (entry is not null)
                {
                    if (models.Any(x => x.Id == entry.Id))
                    {
                        problems.Add($"$.models[{i - 1}].id: '{entry.Id}' is listed twice");
                    }
                    else
                    {
                        models.Add(entry);
                    }
                }
            }

            if (problems.Count > 0)
            {
                throw new RemoteProviderException(RemoteFailure.Configuration, $"{origin}: {string.Join("; ", problems)}");
            }

            return new ModelTable(models);
        }
    }

    private static ModelEntry? ParseModel(JsonElement m, string at, List<string> problems)
    {
        var before = problems.Count;
        if (m.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{at}: expected an object");
            return null;
        }

        var id = m.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString()! : "";
        if (id.Length == 0)
        {
            problems.Add($"{at}.id: a model needs a non-empty string id");
        }

        var modes = new List<GenerationMode>();
        if (m.TryGetProperty("modes", out var modeList) && modeList.ValueKind == JsonValueKind.Array)
        {
            foreach (var mode in modeList.EnumerateArray())
            {
                var name = mode.ValueKind == JsonValueKind.String ? mode.GetString()! : "";
                if (ModeOf(name) is { } parsed)
                {
                    modes.Add(parsed);
                }
                else
                {
                    problems.Add($"{at}.modes: unknown mode '{name}' (expected text_to_video, image_to_video, video_to_video, extension, interpolation or upscale)");
                }
            }
        }

        if (modes.Count == 0)
        {
            problems.Add($"{at}.modes: a model needs at least one mode");
        }

        var rate = new VideoRate(24, 1);
        if (m.TryGetProperty("rate", out var rateValue))
        {
            try
            {
                rate = VideoRate.Parse(rateValue.ValueKind == JsonValueKind.Number ? rateValue.GetRawText() : rateValue.GetString() ?? "");
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
            {
                problems.Add($"{at}.rate: '{rateValue}' is not a frame rate");
            }
        }

        var durations = Ints(m, "durations", at, problems);
        if (durations.Count == 0)
        {
            problems.Add($"{at}.durations: a model needs at least one duration in whole seconds");
        }

        var sizes = new List<SizeOption>();
        if (m.TryGetProperty("sizes", out var sizeList) && sizeList.ValueKind == JsonValueKind.Array)
        {
            var k = 0;
            foreach (var s in sizeList.EnumerateArray())
            {
                var sat = $"{at}.sizes[{k++}]";
                var text = s.ValueKind == JsonValueKind.Object && s.TryGetProperty("size", out var sv) && sv.ValueKind == JsonValueKind.String ? sv.GetString()! : "";
                if (ParseSize(text) is not { } size)
                {
                    problems.Add($"{sat}.size: '{text}' is not WIDTHxHEIGHT");
                    continue;
                }

                var parameters = s.TryGetProperty("params", out var pv) && pv.ValueKind == JsonValueKind.Object
                    ? JsonNode.Parse(pv.GetRawText())!.AsObject()
                    : [];
                sizes.Add(new SizeOption(size, parameters, Ints(s, "durations", sat, problems)));
            }
        }

        if (sizes.Count == 0)
        {
            problems.Add($"{at}.sizes: a model needs at least one size");
        }

        int? maxPrompt = m.TryGetProperty("max_prompt_length", out var mp) && mp.ValueKind == JsonValueKind.Number && mp.TryGetInt32(out var mpv) && mpv > 0 ? mpv : null;
        var training = TrainingDataDeclaration.Undeclared;
        if (m.TryGetProperty("training_data", out var td) && td.ValueKind == JsonValueKind.Object)
        {
            training = new TrainingDataDeclaration(Str(td, "source", "undeclared"), Str(td, "licence", ""), Str(td, "reference", ""));
        }

        if (problems.Count > before)
        {
            return null;
        }

        durations.Sort();
        var capabilities = new ModelCapabilities
        {
            ModelId = id,
            Version = Str(m, "version", ""),
            DisplayName = Str(m, "display_name", id),
            Modes = modes,
            NativeSizes = [.. sizes.Select(s => s.Size).Distinct()],
            NativeRates = [rate],
            MinDuration = new RationalTime(durations[0], 1),
            MaxDuration = new RationalTime(durations[^1], 1),
            AllowedDurations = [.. durations.Select(d => new RationalTime(d, 1))],
            SupportsFirstFrame = Bool(m, "first_frame"),
            SupportsLastFrame = Bool(m, "last_frame"),
            SupportsNegativePrompt = Bool(m, "negative_prompt"),
            SupportsCameraMotion = false,
            MaxPromptLength = maxPrompt,
            DeterministicSeed = Bool(m, "deterministic_seed"),
            TrainingData = training,
        };
        return new ModelEntry
        {
            Id = id,
            Capabilities = capabilities,
            Rate = rate,
            Sizes = sizes,
            Durations = durations,
            LastFrameDurations = Ints(m, "last_frame_durations", at, problems),
            PromptRequired = Bool(m, "prompt_required"),
            TakesPrompt = Bool(m, "takes_prompt", true),
            AcceptsSeed = Bool(m, "seed"),
            LastFrameNeedsFirst = Bool(m, "last_frame_needs_first", true),
            Raw = m,
        };
    }

    /// <summary><c>image_to_video</c> → <see cref="GenerationMode.ImageToVideo"/>.</summary>
    public static GenerationMode? ModeOf(string name) => name switch
    {
        "text_to_video" => GenerationMode.TextToVideo,
        "image_to_video" => GenerationMode.ImageToVideo,
        "video_to_video" => GenerationMode.VideoToVideo,
        "extension" => GenerationMode.Extension,
        "interpolation" => GenerationMode.Interpolation,
        "upscale" => GenerationMode.Upscale,
        _ => null,
    };

    /// <summary><c>1280x720</c> → 1280×720, or null.</summary>
    public static PixelSize? ParseSize(string text)
    {
        var x = text.IndexOf('x', StringComparison.Ordinal);
        return x > 0 && int.TryParse(text[..x], NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w > 0
            && int.TryParse(text[(x + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h > 0
            ? new PixelSize(w, h)
            : null;
    }

    private static string Str(JsonElement e, string field, string fallback) =>
        e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : fallback;

    private static bool Bool(JsonElement e, string field, bool fallback = false) =>
        e.TryGetProperty(field, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    private static List<int> Ints(JsonElement e, string field, string at, List<string> problems)
    {
        var result = new List<int>();
        if (!e.TryGetProperty(field, out var list))
        {
            return result;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{at}.{field}: expected an array of whole seconds");
            return result;
        }

        foreach (var v in list.EnumerateArray())
        {
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n > 0)
            {
                result.Add(n);
            }
            else
            {
                problems.Add($"{at}.{field}: '{v}' is not a positive whole number of seconds");
            }
        }

        return result;
    }
}
