using System.Reflection;
using System.Text;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Versioning;

namespace Editing.Providers.Remote;

/// <summary>
/// A provider's models: the table shipped in the plugin (<c>models.json</c>) plus a user's table named by the
/// <c>models_file</c> setting. A descriptor must be described without a call context, so at describe time the setting
/// is read from its environment form <c>EDITING_PROVIDER__&lt;ID&gt;__MODELS_FILE</c>; each call reads it from the
/// call's settings (file or environment). A user's file that cannot be read is reported by every call, not hidden.
/// </summary>
internal sealed class ProviderModels
{
    private readonly ModelTable _shipped;

    /// <summary>Loads the shipped table of <paramref name="assembly"/> and the user's table from the environment.</summary>
    public ProviderModels(Assembly assembly, string providerId)
    {
        _shipped = ModelTable.LoadEmbedded(assembly);
        ProviderId = providerId;
        var variable = $"EDITING_PROVIDER__{EnvironmentId(providerId)}__MODELS_FILE";
        Described = _shipped;
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } file)
        {
            try
            {
                Described = _shipped.With(ModelTable.LoadFile(file));
            }
            catch (RemoteProviderException e)
            {
                DescribeProblem = e.Message;
            }
        }
    }

    /// <summary>The provider id.</summary>
    public string ProviderId { get; }

    /// <summary>The models the descriptor lists.</summary>
    public ModelTable Described { get; }

    /// <summary>Why the user's table was left out of the descriptor, or null.</summary>
    public string? DescribeProblem { get; }

    /// <summary>The provider's descriptor: <paramref name="spec"/>'s version and the described models.</summary>
    public ProviderDescriptor Descriptor(RemoteProviderSpec spec, string displayName, string description) => new()
    {
        Id = ProviderId,
        Version = SemanticVersion.Parse(spec.Version),
        DisplayName = displayName,
        Description = description,
        Models = [.. Described.Models.Select(m => m.Capabilities)],
        Remote = true,
    };

    /// <summary>
    /// The checks every remote provider makes before a call: a warning when the model table could not be read, an
    /// error for an unknown model, then what <see cref="GenerationPlan.Check"/> finds and the provider's own
    /// <paramref name="extra"/> problem for that model.
    /// </summary>
    public List<ValidationIssue> Validate(GenerationRequest request, Func<ModelEntry, GenerationRequest, string?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var issues = new List<ValidationIssue>();
        if (DescribeProblem is { } problem)
        {
            issues.Add(ValidationIssue.Warning("", problem));
        }

        if (Described.Find(request.ModelId) is not { } model)
        {
            issues.Add(ValidationIssue.Error("", $"{ProviderId}: unknown model '{request.ModelId}'"));
            return issues;
        }

        issues.AddRange(GenerationPlan.Check(model, request, ProviderId));
        if (extra?.Invoke(model, request) is { } own)
        {
            issues.Add(ValidationIssue.Error("", own));
        }

        return issues;
    }

    /// <summary>The models for one call: shipped plus the <c>models_file</c> of <paramref name="settings"/>.</summary>
    /// <exception cref="RemoteProviderException">The user's table is missing or invalid.</exception>
    public ModelTable ForCall(RemoteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var file = settings.Get("models_file");
        return file.Length == 0 ? _shipped : _shipped.With(ModelTable.LoadFile(file));
    }

    /// <summary><c>editing.runway</c> → <c>EDITING_RUNWAY</c>, as the host names environment settings.</summary>
    public static string EnvironmentId(string providerId)
    {
        var b = new StringBuilder(providerId.Length);
        foreach (var c in providerId)
        {
            b.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return b.ToString();
    }
}
