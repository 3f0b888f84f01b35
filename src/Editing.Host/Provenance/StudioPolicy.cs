using System.Text.Json;
using Editing.Host.Edits;

namespace Editing.Host.Provenance;

/// <summary>
/// A studio's rules for generated media, from a JSON policy file (see <c>docs/policy.md</c>):
/// <code>
/// {
///   "providers": { "allow": ["editing.previs", "editing.comfyui"], "deny": ["editing.fal"] },
///   "models": { "allow": [], "deny": ["editing.runway/gen3a_turbo"] },
///   "training_data": ["licensed", "owned"],
///   "likeness": { "require_consent": true },
///   "max_generated_share": 0.25,
///   "delivery_codecs": ["prores-hq", "dnxhr-hq"]
/// }
/// </code>
/// Every field is optional; an empty allow list allows everything not denied. Models are named
/// <c>provider/model</c> or by model id alone.
/// </summary>
public sealed class StudioPolicy
{
    /// <summary>The environment variable naming the policy file applied to every apply.</summary>
    public const string FileVariable = "EDITING_POLICY";

    /// <summary>The file read.</summary>
    public required string SourcePath { get; init; }

    /// <summary>Providers allowed (empty: all not denied).</summary>
    public IReadOnlyList<string> AllowedProviders { get; init; } = [];

    /// <summary>Providers denied.</summary>
    public IReadOnlyList<string> DeniedProviders { get; init; } = [];

    /// <summary>Models allowed (<c>provider/model</c> or model id; empty: all not denied).</summary>
    public IReadOnlyList<string> AllowedModels { get; init; } = [];

    /// <summary>Models denied.</summary>
    public IReadOnlyList<string> DeniedModels { get; init; } = [];

    /// <summary>Training-data declarations accepted (<c>licensed</c>, <c>owned</c>...); empty accepts any, including
    /// <c>undeclared</c>.</summary>
    public IReadOnlyList<string> TrainingData { get; init; } = [];

    /// <summary>Shots tagged as showing a person need a consent reference before anything is generated from them.</summary>
    public bool RequireLikenessConsent { get; init; }

    /// <summary>The largest generated share of any track's runtime, 0..1, or null for no limit.</summary>
    public double? MaxGeneratedShare { get; init; }

    /// <summary>Delivery codecs allowed for generated media (<c>prores-hq</c>...; empty: any).</summary>
    public IReadOnlyList<string> AllowedCodecs { get; init; } = [];

    /// <summary>Reads a policy file.</summary>
    /// <exception cref="PolicyFileException">Unreadable or malformed; the message names the file and the JSON path.</exception>
    public static StudioPolicy Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyFileException($"{full}: cannot read the policy file: {e.Message}");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new PolicyFileException($"{full}: line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: not valid JSON");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyFileException($"{full}: $: expected an object");
            }

            var known = new HashSet<string>(StringComparer.Ordinal) { "providers", "models", "training_data", "likeness", "max_generated_share", "delivery_codecs", "name", "description" };
            foreach (var p in root.EnumerateObject())
            {
                if (!known.Contains(p.Name))
                {
                    throw new PolicyFileException($"{full}: $.{p.Name}: unknown rule (expected one of {string.Join(", ", known.Order(StringComparer.Ordinal))})");
                }
            }

            IReadOnlyList<string> List(JsonElement owner, string field, string at)
            {
                if (!owner.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
                {
                    return [];
                }

                if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
                {
                    throw new PolicyFileException($"{full}: {at}.{field}: expected an array of strings");
                }

                return [.. v.EnumerateArray().Select(x => x.GetString()!)];
            }

            (IReadOnlyList<string> Allow, IReadOnlyList<string> Deny) AllowDeny(string field)
            {
                if (!root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
                {
                    return ([], []);
                }

                if (v.ValueKind != JsonValueKind.Object)
                {
                    throw new PolicyFileException($"{full}: $.{field}: expected an object {{\"allow\": [...], \"deny\": [...]}}");
                }

                return (List(v, "allow", "$." + field), List(v, "deny", "$." + field));
            }

            var providers = AllowDeny("providers");
            var models = AllowDeny("models");
            var consent = false;
            if (root.TryGetProperty("likeness", out var likeness) && likeness.ValueKind != JsonValueKind.Null)
            {
                if (likeness.ValueKind != JsonValueKind.Object || !likeness.TryGetProperty("require_consent", out var rc) || rc.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw new PolicyFileException($"{full}: $.likeness: expected {{\"require_consent\": true|false}}");
                }

                consent = rc.GetBoolean();
            }

            double? share = null;
            if (root.TryGetProperty("max_generated_share", out var s) && s.ValueKind != JsonValueKind.Null)
            {
                if (s.ValueKind != JsonValueKind.Number || s.GetDouble() is < 0 or > 1)
                {
                    throw new PolicyFileException($"{full}: $.max_generated_share: expected a number from 0 to 1 (0.25 = a quarter of each track's runtime)");
                }

                share = s.GetDouble();
            }

            var codecs = List(root, "delivery_codecs", "$");
            foreach (var (codec, i) in codecs.Select((c, i) => (c, i)))
            {
                if (!DeliveryCodecs.TryParse(codec, out _))
                {
                    throw new PolicyFileException($"{full}: $.delivery_codecs[{i}]: unknown codec '{codec}' (expected {string.Join(", ", DeliveryCodecs.Names)})");
                }
            }

            return new StudioPolicy
            {
                SourcePath = full,
                AllowedProviders = providers.Allow,
                DeniedProviders = providers.Deny,
                AllowedModels = models.Allow,
                DeniedModels = models.Deny,
                TrainingData = List(root, "training_data", "$"),
                RequireLikenessConsent = consent,
                MaxGeneratedShare = share,
                AllowedCodecs = codecs,
            };
        }
    }

    /// <summary>Why a provider is refused, or null.</summary>
    public string? ProviderProblem(string providerId)
    {
        if (DeniedProviders.Contains(providerId, StringComparer.Ordinal))
        {
            return $"provider {providerId} is denied by the policy";
        }

        return AllowedProviders.Count > 0 && !AllowedProviders.Contains(providerId, StringComparer.Ordinal)
            ? $"provider {providerId} is not among the allowed providers ({string.Join(", ", AllowedProviders)})"
            : null;
    }

    /// <summary>Why a model is refused, or null.</summary>
    public string? ModelProblem(string providerId, string modelId)
    {
        bool Matches(string rule) => rule == modelId || rule == $"{providerId}/{modelId}";
        if (DeniedModels.Any(Matches))
        {
            return $"model {providerId}/{modelId} is denied by the policy";
        }

        return AllowedModels.Count > 0 && !AllowedModels.Any(Matches)
            ? $"model {providerId}/{modelId} is not among the allowed models ({string.Join(", ", AllowedModels)})"
            : null;
    }

    /// <summary>Why a training-data declaration is refused, or null.</summary>
    public string? TrainingDataProblem(string providerId, string modelId, string declaration) =>
        TrainingData.Count > 0 && !TrainingData.Contains(declaration, StringComparer.Ordinal)
            ? $"model {providerId}/{modelId} declares training data '{declaration}'; the policy requires {string.Join(" or ", TrainingData.Select(t => $"'{t}'"))}"
            : null;

    /// <summary>Why a delivery codec is refused, or null.</summary>
    public string? CodecProblem(DeliveryCodec codec) =>
        AllowedCodecs.Count > 0 && !AllowedCodecs.Any(c => DeliveryCodecs.TryParse(c, out var allowed) && allowed == codec)
            ? $"delivery codec {DeliveryCodecs.Name(codec)} is not allowed (the policy requires {string.Join(" or ", AllowedCodecs)})"
            : null;
}

/// <summary>A policy file that cannot be used (exit 2).</summary>
public sealed class PolicyFileException(string message) : Exception(message);

/// <summary>One broken rule.</summary>
/// <param name="Rule"><c>providers</c>, <c>models</c>, <c>training_data</c>, <c>likeness</c>, <c>max_generated_share</c> or <c>delivery_codecs</c>.</param>
/// <param name="Where">The clip, track or request part concerned.</param>
/// <param name="Message">What is wrong.</param>
public sealed record PolicyViolation(string Rule, string Where, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Where.Length > 0 ? $"policy {Rule}: {Where}: {Message}" : $"policy {Rule}: {Message}";
}

/// <summary>The policy refused the request or the timeline (exit 3); nothing was generated or written.</summary>
public sealed class PolicyException(string message, IReadOnlyList<PolicyViolation> violations) : Exception(message)
{
    /// <summary>Every violation found.</summary>
    public IReadOnlyList<PolicyViolation> Violations { get; } = violations;
}
