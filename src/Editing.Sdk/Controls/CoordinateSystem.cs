namespace Editing.Sdk.Controls;

/// <summary>The space <see cref="PointParameter"/> and <see cref="RectParameter"/> values are in. JSON Schema hint
/// values are kebab-case (<c>normalized</c>, <c>pixels</c>).</summary>
public enum CoordinateSystem
{
    /// <summary>Fractions of the frame: 0..1 on both axes, origin at the top-left corner of the frame, x right, y down
    /// (so (0.5, 0.5) is the centre whatever the resolution or aspect). Values outside 0..1 are errors.</summary>
    Normalized,

    /// <summary>Pixels of the clip's resolution (its media, before any timeline scaling), origin at the top-left corner,
    /// x right, y down; fractional values address sub-pixel positions.</summary>
    Pixels,
}
