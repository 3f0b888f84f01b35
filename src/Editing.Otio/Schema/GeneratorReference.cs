namespace Editing.Otio.Schema;

/// <summary>Media made by a generator (<c>GeneratorReference.1</c>): bars, solid colour, a slate.</summary>
public class GeneratorReference : MediaReference
{
    private OtioDictionary? _parameters;

    /// <inheritdoc/>
    public override string SchemaName => "GeneratorReference";

    /// <summary>The generator, e.g. <c>SMPTEBars</c>.</summary>
    public string GeneratorKind { get; set; } = string.Empty;

    /// <summary>The generator's parameters.</summary>
    public OtioDictionary Parameters
    {
        get => _parameters ??= new OtioDictionary();
        set => _parameters = value ?? throw new ArgumentNullException(nameof(value));
    }

    internal OtioDictionary? ParametersOrNull => _parameters;

    /// <inheritdoc/>
    protected override void DeepenCopy()
    {
        base.DeepenCopy();
        _parameters = _parameters?.DeepClone();
    }
}
