namespace Editing.Media.Transcoding;

/// <summary>How in-between frames are made when retiming or bridging two stills.</summary>
public enum InterpolationMode
{
    /// <summary>Cross-blend neighbouring frames (<c>minterpolate mi_mode=blend</c>): fast.</summary>
    Blend,
    /// <summary>Motion-compensated interpolation (<c>minterpolate mi_mode=mci</c>): smoother, several times slower.</summary>
    MotionCompensated,
    /// <summary>Repeat or drop whole frames, nearest in time (<c>fps</c> filter): no new pixels.</summary>
    Duplicate,
}
