namespace Editing.Otio.Schema;

/// <summary>Media that is not available (<c>MissingReference.1</c>).</summary>
public class MissingReference : MediaReference
{
    /// <inheritdoc/>
    public override string SchemaName => "MissingReference";

    /// <inheritdoc/>
    public override bool IsMissingReference => true;
}
