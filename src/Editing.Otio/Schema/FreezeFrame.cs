namespace Editing.Otio.Schema;

/// <summary>A held frame (<c>FreezeFrame.1</c>): a linear time warp with scalar 0.</summary>
public class FreezeFrame : LinearTimeWarp
{
    /// <summary>Creates a freeze frame named <c>FreezeFrame</c> with time scalar 0, as the reference constructs it.</summary>
    public FreezeFrame()
    {
        EffectName = "FreezeFrame";
        TimeScalar = 0;
    }

    /// <inheritdoc/>
    public override string SchemaName => "FreezeFrame";
}
