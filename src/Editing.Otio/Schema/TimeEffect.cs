namespace Editing.Otio.Schema;

/// <summary>An effect that changes the timing of its item (<c>TimeEffect.1</c>).</summary>
public class TimeEffect : Effect
{
    /// <inheritdoc/>
    public override string SchemaName => "TimeEffect";
}
