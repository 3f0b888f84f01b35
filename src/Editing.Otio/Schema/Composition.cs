namespace Editing.Otio.Schema;

/// <summary>An item made of other composables (<c>Composition.1</c>); the base of <see cref="Track"/> and <see cref="Stack"/>.</summary>
public partial class Composition : Item
{
    private ComposableList _children;

    /// <summary>Creates an empty composition.</summary>
    public Composition()
    {
        _children = new ComposableList(this);
    }

    /// <inheritdoc/>
    public override string SchemaName => "Composition";

    /// <summary>The kind of composition as the reference names it: <c>Composition</c>, <c>Track</c> or <c>Stack</c>.</summary>
    public virtual string CompositionKind => "Composition";

    /// <summary>The children in order; adding one sets its parent.</summary>
    public ComposableList Children => _children;

    /// <inheritdoc/>
    protected override void DeepenCopy()
    {
        base.DeepenCopy();
        var old = _children;
        _children = new ComposableList(this);
        _children.EnsureCapacity(old.Count);
        foreach (var c in old)
        {
            _children.Add((Composable)c.Clone());
        }
    }
}
