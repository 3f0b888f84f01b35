namespace Editing.Otio.Schema;

/// <summary>Empty time in a track (<c>Gap.1</c>; read alias <c>Filler.1</c>). Never visible.</summary>
public partial class Gap : Item
{
    /// <inheritdoc/>
    public override string SchemaName => "Gap";

    /// <inheritdoc/>
    public override bool Visible => false;
}
