namespace Editing.Otio.Schema;

/// <summary>
/// An object whose <c>OTIO_SCHEMA</c> this library does not know (a studio's own schema, a Python-only adapter
/// manifest). Every key is kept in <see cref="Data"/> and written back under the original schema string.
/// </summary>
public sealed class UnknownSchema : SerializableObject
{
    private OtioDictionary _data;

    /// <summary>Creates an unknown-schema object.</summary>
    public UnknownSchema(string originalSchemaName, int originalSchemaVersion, OtioDictionary? data = null)
    {
        OriginalSchemaName = originalSchemaName ?? throw new ArgumentNullException(nameof(originalSchemaName));
        OriginalSchemaVersion = originalSchemaVersion;
        _data = data ?? new OtioDictionary();
    }

    /// <summary>The schema name as read, e.g. <c>PixarTake</c>.</summary>
    public string OriginalSchemaName { get; }

    /// <summary>The schema version as read.</summary>
    public int OriginalSchemaVersion { get; }

    /// <summary>The schema string as read, e.g. <c>PixarTake.1</c>.</summary>
    public string OriginalSchema => $"{OriginalSchemaName}.{OriginalSchemaVersion}";

    /// <inheritdoc/>
    public override string SchemaName => OriginalSchemaName;

    /// <inheritdoc/>
    public override int SchemaVersion => OriginalSchemaVersion;

    /// <summary>Every key of the object except <c>OTIO_SCHEMA</c>.</summary>
    public OtioDictionary Data => _data;

    /// <inheritdoc/>
    protected override void DeepenCopy()
    {
        base.DeepenCopy();
        _data = _data.DeepClone();
    }
}
