namespace Editing.Otio.Schema;

/// <summary>An effect applied to an item (<c>Effect.1</c>), identified by <see cref="EffectName"/>.</summary>
public class Effect : SerializableObjectWithMetadata
{
    /// <inheritdoc/>
    public override string SchemaName => "Effect";

    /// <summary>The effect's name as the NLE knows it.</summary>
    public string EffectName { get; set; } = string.Empty;

    /// <summary>Whether the effect is enabled.</summary>
    public bool Enabled { get; set; } = true;
}
