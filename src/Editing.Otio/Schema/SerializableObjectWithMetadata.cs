namespace Editing.Otio.Schema;

/// <summary>A schema object with a <see cref="Name"/> and free-form <see cref="Metadata"/> (<c>SerializableObjectWithMetadata.1</c>).</summary>
public class SerializableObjectWithMetadata : SerializableObject
{
    private OtioDictionary? _metadata;

    /// <inheritdoc/>
    public override string SchemaName => "SerializableObjectWithMetadata";

    /// <summary>The object's name; empty when unnamed (a <c>null</c> name in a file reads as empty).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Free-form metadata, e.g. an NLE's own block such as <c>Resolve_OTIO</c>; kept verbatim.</summary>
    public OtioDictionary Metadata
    {
        get => _metadata ??= new OtioDictionary();
        set => _metadata = value ?? throw new ArgumentNullException(nameof(value));
    }

    internal OtioDictionary? MetadataOrNull => _metadata;

    /// <inheritdoc/>
    protected override void DeepenCopy()
    {
        base.DeepenCopy();
        _metadata = _metadata?.DeepClone();
    }

    /// <inheritdoc/>
    public override string ToString() => Name.Length > 0 ? $"{SchemaName} '{Name}'" : base.ToString();
}
