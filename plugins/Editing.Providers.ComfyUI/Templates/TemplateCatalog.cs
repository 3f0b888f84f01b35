using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Otio.OpenTime;
using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.ComfyUI.Templates;

/// <summary>
/// The model templates: the ones shipped in the plugin's <c>templates/</c> folder, then the user's (the
/// <c>templates_dir</c> setting), each folder in file-name order; the first is the default model. Each template is a descriptor <c>NAME.model.json</c> naming one API-format workflow
/// file per kind; a user template with the id of a shipped one replaces it.
/// <code>
/// {
///   "model": "wan2.2-a14b",                 // the model id editors pick (--model)
///   "display_name": "Wan 2.2 A14B", "version": "2.2",
///   "workflows": { "image-to-video": "wan-i2v.json", "first-last-frame": "wan-flf.json", "extension": "wan-ext.json",
///                  "text-to-video": "...", "last-frame": "..." },
///   "frame_grid": "4n+1", "size_multiple": 16,
///   "native_sizes": ["1280x720", "832x480"], "native_rates": ["16"],   // empty: any size (multiple) / any rate
///   "min_frames": 5, "max_frames": 81,        // at the first native rate
///   "negative_prompt": true, "deterministic_seed": true,
///   "training_data": { "source": "undeclared", "licence": "", "reference": "" }
/// }
/// </code>
/// Every problem is reported with the file and the field; a workflow must bind every parameter its kind needs (see
/// <see cref="WorkflowKind.RequiredBindings"/>) through node titles.
/// </summary>
internal static class TemplateCatalog
{
    public const string DescriptorSuffix = ".model.json";

    public static string BuiltInDirectory =>
        Path.Combine(Path.GetDirectoryName(typeof(TemplateCatalog).Assembly.Location) ?? AppContext.BaseDirectory, "templates");

    /// <summary>The templates, shipped first then the user's folder.</summary>
    /// <exception cref="PluginException">A descriptor or workflow is unusable; the message names the file and what is wrong.</exception>
    public static IReadOnlyList<ModelTemplate> Load(string? userDirectory)
    {
        var byId = new Dictionary<string, ModelTemplate>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var directory in new[] { BuiltInDirectory, userDirectory })
        {
            if (directory is null)
            {
                continue;
            }

            if (!Directory.Exists(directory))
            {
                if (directory == userDirectory)
                {
                    throw new PluginException($"setting templates_dir: the folder {directory} does not exist") { Code = "BAD_SETTING" };
                }

                continue;
            }

            foreach (var file in Directory.EnumerateFiles(directory, "*" + DescriptorSuffix).Order(StringComparer.Ordinal))
            {
                var template = ReadDescriptor(file);
                if (!byId.ContainsKey(template.Capabilities.ModelId))
                {
                    order.Add(template.Capabilities.ModelId);
                }

                byId[template.Capabilities.ModelId] = template;
            }
        }

        return order.Select(id => byId[id]).ToList();
    }

    public static ModelTemplate ReadDescriptor(string file)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw Bad(file, "$", "expected a JSON object");
        }
        catch (JsonException e)
        {
            throw Bad(file, e.LineNumber is { } l ? $"line {l + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "$", "not valid JSON");
        }
        catch (IOException e)
        {
            throw Bad(file, "$", $"cannot be read: {e.Message}");
        }

        var id = String(root, "model", file) ?? throw Bad(file, "$.model", "the model id is required");
        if (root["workflows"] is not JsonObject workflows || workflows.Count == 0)
        {
            throw Bad(file, "$.workflows", "expected an object of workflow kind → file (kinds: " + string.Join(", ", WorkflowKind.All) + ")");
        }

        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (kind, value) in workflows)
        {
            if (!WorkflowKind.All.Contains(kind))
            {
                throw Bad(file, $"$.workflows.{kind}", $"unknown workflow kind (kinds: {string.Join(", ", WorkflowKind.All)})");
            }

            if (value is not JsonValue v || !v.TryGetValue<string>(out var relative) || relative.Length == 0)
            {
                throw Bad(file, $"$.workflows.{kind}", "expected the workflow file name");
            }

            var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, relative));
            if (!File.Exists(path))
            {
                throw Bad(file, $"$.workflows.{kind}", $"the workflow file {path} does not exist");
            }

            var graph = ReadWorkflow(path);
            var bound = WorkflowBinder.BoundNames(graph);
            var missing = WorkflowKind.RequiredBindings(kind).Where(b => !bound.Contains(b)).ToList();
            if (missing.Count > 0)
            {
                throw Bad(path, "$", $"the {kind} workflow has no node titled {string.Join(", ", missing.Select(m => Binding.Prefix + m))} (see docs/providers.md, ComfyUI)");
            }

            paths[kind] = path;
        }

        var rates = Strings(root, "native_rates", file).Select(r => ParseRate(r, file)).ToList();
        var firstRate = rates.Count > 0 ? rates[0].FramesPerSecond : 24;
        var grid = ParseGrid(String(root, "frame_grid", file) ?? "1n", file);
        var minFrames = Int(root, "min_frames", file);
        var maxFrames = Int(root, "max_frames", file);
        var training = root["training_data"] as JsonObject;
        var capabilities = new ModelCapabilities
        {
            ModelId = id,
            Version = String(root, "version", file) ?? "",
            DisplayName = String(root, "display_name", file) ?? id,
            Modes = paths.Keys.Select(ModeOf).Distinct().OrderBy(m => m).ToList(),
            NativeSizes = Strings(root, "native_sizes", file).Select(s => ParseSize(s, file)).ToList(),
            NativeRates = rates,
            SizeMultiple = Int(root, "size_multiple", file) ?? 1,
            FrameGrid = grid,
            MinDuration = minFrames is { } min ? new RationalTime(min, firstRate) : null,
            MaxDuration = maxFrames is { } max ? new RationalTime(max, firstRate) : null,
            SupportsFirstFrame = paths.ContainsKey(WorkflowKind.ImageToVideo) || paths.ContainsKey(WorkflowKind.FirstLastFrame) || paths.ContainsKey(WorkflowKind.Extension),
            SupportsLastFrame = paths.ContainsKey(WorkflowKind.FirstLastFrame) || paths.ContainsKey(WorkflowKind.LastFrame),
            SupportsNegativePrompt = Bool(root, "negative_prompt", file),
            DeterministicSeed = Bool(root, "deterministic_seed", file),
            TrainingData = training is null
                ? TrainingDataDeclaration.Undeclared
                : new TrainingDataDeclaration(String(training, "source", file) ?? "undeclared", String(training, "licence", file) ?? "", String(training, "reference", file) ?? ""),
        };
        return new ModelTemplate(capabilities, paths, file);
    }

    public static JsonObject ReadWorkflow(string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw Bad(path, e.LineNumber is { } l ? $"line {l + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "$", "not valid JSON");
        }

        if (node is not JsonObject graph || graph.Count == 0)
        {
            throw Bad(path, "$", "expected an API-format workflow: an object of node id → {class_type, inputs}");
        }

        if (graph.ContainsKey("nodes") && graph.ContainsKey("links"))
        {
            throw Bad(path, "$", "this is a saved UI workflow, not the API format; export it with Workflow → Export (API)");
        }

        foreach (var (nodeId, value) in graph)
        {
            if (value is not JsonObject n || n["class_type"] is not JsonValue || n["inputs"] is not JsonObject)
            {
                throw Bad(path, $"$['{nodeId}']", "expected a node {\"class_type\": ..., \"inputs\": {...}}");
            }
        }

        return graph;
    }

    private static GenerationMode ModeOf(string kind) => kind switch
    {
        WorkflowKind.TextToVideo => GenerationMode.TextToVideo,
        WorkflowKind.Extension => GenerationMode.Extension,
        _ => GenerationMode.ImageToVideo,
    };

    private static FrameCountGrid ParseGrid(string text, string file)
    {
        var t = text.Replace(" ", "", StringComparison.Ordinal);
        var n = t.IndexOf('n', StringComparison.Ordinal);
        if (n > 0 && int.TryParse(t[..n], NumberStyles.None, CultureInfo.InvariantCulture, out var multiple) && multiple >= 1)
        {
            var rest = t[(n + 1)..];
            if (rest.Length == 0)
            {
                return new FrameCountGrid(multiple, 0);
            }

            if (rest[0] == '+' && int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return new FrameCountGrid(multiple, offset);
            }
        }

        throw Bad(file, "$.frame_grid", $"'{text}' is not a frame grid like 4n+1, 8n+1 or 1n");
    }

    private static PixelSize ParseSize(string text, string file)
    {
        var parts = text.Split('x');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w > 0
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h > 0
            ? new PixelSize(w, h)
            : throw Bad(file, "$.native_sizes", $"'{text}' is not a size like 1280x720");
    }

    private static VideoRate ParseRate(string text, string file)
    {
        try
        {
            return VideoRate.Parse(text);
        }
        catch (FormatException)
        {
            throw Bad(file, "$.native_rates", $"'{text}' is not a rate like 16, 24000/1001 or 23.976");
        }
    }

    private static string? String(JsonObject obj, string name, string file) => obj[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw Bad(file, "$." + name, "expected a string"),
    };

    private static int? Int(JsonObject obj, string name, string file) => obj[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var i) && i >= 1 => i,
        _ => throw Bad(file, "$." + name, "expected a whole number ≥ 1"),
    };

    private static bool Bool(JsonObject obj, string name, string file) => obj[name] switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw Bad(file, "$." + name, "expected true or false"),
    };

    private static List<string> Strings(JsonObject obj, string name, string file)
    {
        if (obj[name] is null)
        {
            return [];
        }

        if (obj[name] is not JsonArray array)
        {
            throw Bad(file, "$." + name, "expected an array of strings");
        }

        return array.Select((item, i) => item is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Bad(file, $"$.{name}[{i}]", "expected a string")).ToList();
    }

    private static PluginException Bad(string file, string where, string problem) =>
        new($"ComfyUI template {file}: {where}: {problem}") { Code = "BAD_TEMPLATE" };
}
