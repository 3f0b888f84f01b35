namespace Editing.Otio.Schema;

/// <summary>A named list of any schema objects, e.g. several timelines in one file (<c>SerializableCollection.1</c>).</summary>
public partial class SerializableCollection : SerializableObjectWithMetadata
{
    private List<SerializableObject> _children = [];

    /// <inheritdoc/>
    public override string SchemaName => "SerializableCollection";

    /// <summary>The collection's objects; unknown schemas are allowed here.</summary>
    public List<SerializableObject> Children => _children;

    /// <inheritdoc/>
    protected override void DeepenCopy()
    {
        base.DeepenCopy();
        _children = _children.ConvertAll(c => c.Clone());
    }
}
