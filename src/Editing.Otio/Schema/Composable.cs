namespace Editing.Otio.Schema;

/// <summary>Anything that can sit in a <see cref="Composition"/> (<c>Composable.1</c>): items and transitions.</summary>
public class Composable : SerializableObjectWithMetadata
{
    /// <inheritdoc/>
    public override string SchemaName => "Composable";

    /// <summary>The composition holding this object, maintained by <see cref="Composition.Children"/>.</summary>
    public Composition? Parent { get; internal set; }

    /// <summary>Whether the object contributes picture or sound: true for enabled clips, tracks and stacks; false for gaps.</summary>
    public virtual bool Visible => true;

    /// <summary>Whether the object overlaps its neighbours in a track (true for transitions).</summary>
    public virtual bool Overlapping => false;

    /// <summary>The object's duration (in its own time frame).</summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.ObjectWithoutDuration"/> for a bare composable.</exception>
    public virtual OpenTime.RationalTime Duration()
        => throw new OtioException(OtioErrorKind.ObjectWithoutDuration, $"{this} has no duration");

    /// <inheritdoc/>
    protected override void DeepenCopy()
    {
        base.DeepenCopy();
        Parent = null;
    }
}
