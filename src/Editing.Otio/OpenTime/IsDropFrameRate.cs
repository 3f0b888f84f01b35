namespace Editing.Otio.OpenTime;

/// <summary>
/// Whether <see cref="RationalTime.ToTimecode(double, IsDropFrameRate)"/> writes drop-frame timecode, as OTIO's
/// <c>IsDropFrameRate</c>.
/// </summary>
public enum IsDropFrameRate
{
    /// <summary>Drop-frame exactly when the (snapped) rate is 30000/1001 or 60000/1001.</summary>
    InferFromRate = -1,

    /// <summary>Always non-drop-frame (at 29.97 this counts 30 labels per second and drifts from the clock).</summary>
    ForceNo = 0,

    /// <summary>Always drop-frame; refused with <see cref="OtioErrorKind.InvalidRateForDropFrameTimecode"/> at a rate
    /// that has no drop-frame counting.</summary>
    ForceYes = 1,
}
