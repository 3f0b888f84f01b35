namespace Editing.Media.Transcoding;

/// <summary>How a picture of another aspect ratio is brought to the target size.</summary>
public enum ScalePolicy
{
    /// <summary>Scale to fit inside the target keeping the aspect ratio, then pad with black (letterbox/pillarbox).</summary>
    Fit,
    /// <summary>Scale to cover the target keeping the aspect ratio, then crop the overflow equally on both sides.</summary>
    Fill,
    /// <summary>Scale to the target size exactly, distorting the aspect ratio.</summary>
    Stretch,
}
