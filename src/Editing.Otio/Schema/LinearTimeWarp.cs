namespace Editing.Otio.Schema;

/// <summary>A constant speed change (<c>LinearTimeWarp.1</c>): <see cref="TimeScalar"/> 2 plays at double speed.</summary>
public class LinearTimeWarp : TimeEffect
{
    /// <inheritdoc/>
    public override string SchemaName => "LinearTimeWarp";

    /// <summary>Playback speed as a multiple of normal (1 = normal, 0 = hold, negative = reverse).</summary>
    public double TimeScalar { get; set; } = 1;
}
