namespace Editing.Otio.Schema;

/// <summary>
/// The root of every OTIO schema object (<c>SerializableObject.1</c>). Keeps the keys a file had that this schema
/// does not define (<see cref="DynamicFields"/>) so that they are written back unchanged.
/// </summary>
public class SerializableObject
{
    private OtioDictionary? _dynamicFields;

    /// <summary>The schema name written as <c>OTIO_SCHEMA</c>, without the version (e.g. <c>Clip</c>).</summary>
    public virtual string SchemaName => "SerializableObject";

    /// <summary>The newest version of this schema that this library reads and writes (e.g. 2 for <c>Clip</c>).</summary>
    public virtual int SchemaVersion => 1;

    /// <summary>Keys read from a file that the schema does not define, kept and written back (sorted, after <c>OTIO_SCHEMA</c>).</summary>
    public OtioDictionary DynamicFields => _dynamicFields ??= new OtioDictionary();

    /// <summary>True when there are dynamic fields, without creating the dictionary.</summary>
    public bool HasDynamicFields => _dynamicFields is { Count: > 0 };

    internal OtioDictionary? DynamicFieldsOrNull => _dynamicFields;

    /// <summary>
    /// Set on a root read from a file that used schema versions newer than the OTIO 0.18 family (e.g. <c>Marker.3</c>).
    /// The 0.18 write target then writes as the newest reference library does when asked for 0.18 schemas (downgraded
    /// objects with sorted keys, transitions with <c>enabled</c>), because no 0.18 tool could have read the file.
    /// </summary>
    internal bool ReadWithNewerSchemas { get; set; }

    /// <summary>
    /// A deep copy: dictionaries, lists and child objects are copied; a copied composable has no parent.
    /// </summary>
    public SerializableObject Clone()
    {
        var copy = (SerializableObject)MemberwiseClone();
        copy.DeepenCopy();
        return copy;
    }

    /// <summary>
    /// Called on a member-wise copy made by <see cref="Clone"/>: replaces every mutable member with a deep copy.
    /// Subclasses call the base first.
    /// </summary>
    protected virtual void DeepenCopy()
    {
        _dynamicFields = _dynamicFields?.DeepClone();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{SchemaName}.{SchemaVersion}";
}
