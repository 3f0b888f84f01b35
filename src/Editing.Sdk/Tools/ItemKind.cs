namespace Editing.Sdk.Tools;

/// <summary>What kind of timeline item a <see cref="ClipContext"/> or neighbour describes.</summary>
public enum ItemKind
{
    /// <summary>A clip with (possibly missing) media.</summary>
    Clip,

    /// <summary>A gap (empty track time).</summary>
    Gap,

    /// <summary>A transition between two items.</summary>
    Transition,

    /// <summary>A nested stack (compound clip).</summary>
    Stack,
}
