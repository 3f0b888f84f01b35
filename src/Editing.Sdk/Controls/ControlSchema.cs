using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// A tool's parameters as explicit data: the single source for validation, CLI flags, <c>--json</c> descriptions
/// (JSON Schema 2020-12) and the review page's forms. Parameter order is presentation order; ids are unique.
/// </summary>
public sealed partial class ControlSchema
{
    private readonly Dictionary<string, ControlParameter> _byId;

    /// <summary>Creates a schema.</summary>
    /// <exception cref="ArgumentException">Two parameters share an id, or a parameter's definition is inconsistent (a
    /// default that fails its own validation, a minimum above the maximum).</exception>
    public ControlSchema(IEnumerable<ControlParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        _byId = new Dictionary<string, ControlParameter>(StringComparer.Ordinal);
        foreach (var p in Parameters)
        {
            if (p is null)
            {
                throw new ArgumentException("a control schema cannot hold a null parameter", nameof(parameters));
            }

            if (!_byId.TryAdd(p.Id, p))
            {
                throw new ArgumentException($"duplicate parameter id '{p.Id}' in control schema", nameof(parameters));
            }
        }

        // A tool whose own defaults fail validation would refuse every request that omits them: fail when the tool is
        // defined, not when it is run.
        var problems = Parameters.SelectMany(p => p.DefinitionProblems().Select(m => $"{p.Id}: {m}")).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid control schema: " + string.Join("; ", problems), nameof(parameters));
        }
    }

    /// <summary>Creates a schema from parameters.</summary>
    public ControlSchema(params ControlParameter[] parameters)
        : this((IEnumerable<ControlParameter>)parameters)
    {
    }

    /// <summary>A schema without parameters.</summary>
    public static ControlSchema Empty { get; } = new();

    /// <summary>The parameters in presentation order.</summary>
    public IReadOnlyList<ControlParameter> Parameters { get; }

    /// <summary>The parameter with <paramref name="id"/>, or null.</summary>
    public ControlParameter? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Validates values against the schema and returns every issue at once: unknown ids, missing required values,
    /// values of the wrong shape, values outside hard ranges (errors) and outside soft ranges (warnings). Issues come in
    /// schema order (a missing required value where its parameter is), then unknown ids in the order given.
    /// </summary>
    public IReadOnlyList<ValidationIssue> Validate(ControlValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var issues = new List<ValidationIssue>();
        foreach (var p in Parameters)
        {
            if (values.TryGet(p.Id, out var value))
            {
                p.Validate(value, p.Id, issues);
            }
            else if (p.Required)
            {
                issues.Add(ValidationIssue.Error(p.Id, $"a value is required ({p.TypeName})"));
            }
        }

        foreach (var id in values.Ids)
        {
            if (!_byId.ContainsKey(id))
            {
                issues.Add(ValidationIssue.Error(id, $"unknown parameter '{id}' ({KnownIds()})"));
            }
        }

        return issues;
    }

    /// <summary>
    /// The values to run with: every parameter that has a value or a default, in schema order; unknown ids dropped;
    /// each value rewritten in its type's canonical JSON form (fixed key order, shortest number form such as
    /// <c>2</c> for <c>2.0</c>, zero camera axes omitted, colours as four components, a single keyframe as a bare
    /// number). Normalized values of equal requests serialize to the same JSON text, so <see cref="ControlValues.ToJson"/>
    /// of them is usable as a cache key. Values that fail validation are kept as given.
    /// </summary>
    public ControlValues Normalize(ControlValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var items = new List<KeyValuePair<string, JsonElement>>();
        foreach (var p in Parameters)
        {
            if (values.TryGet(p.Id, out var v))
            {
                items.Add(new(p.Id, p.Canonicalize(v)));
            }
            else if (p.DefaultValue is { } d)
            {
                items.Add(new(p.Id, p.Canonicalize(d)));
            }
        }

        return new ControlValues(items);
    }

    /// <summary>The defaults of every parameter that has one, in schema order.</summary>
    public ControlValues Defaults() => Normalize(ControlValues.Empty);
}
