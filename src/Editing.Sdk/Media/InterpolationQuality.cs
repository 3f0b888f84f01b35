namespace Editing.Sdk.Media;

/// <summary>How in-between frames are made when retiming or interpolating.</summary>
public enum InterpolationQuality
{
    /// <summary>Repeat the nearest source frame (fastest, stutters).</summary>
    Duplicate,

    /// <summary>Blend neighbouring frames (fast, ghosting on motion).</summary>
    Blend,

    /// <summary>Motion-compensated interpolation (slow: about 2 fps at 1080p per core).</summary>
    MotionCompensated,
}
