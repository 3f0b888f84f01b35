namespace Editing.Otio.Schema;

/// <summary>Compositions layered on top of each other, all starting at zero (<c>Stack.1</c>); a timeline's tracks.</summary>
public partial class Stack : Composition
{
    /// <inheritdoc/>
    public override string SchemaName => "Stack";

    /// <inheritdoc/>
    public override string CompositionKind => "Stack";
}
