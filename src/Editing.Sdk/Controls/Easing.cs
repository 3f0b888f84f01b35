namespace Editing.Sdk.Controls;

/// <summary>How a <see cref="CameraMotion"/> is distributed over the clip. JSON form is kebab-case
/// (<c>linear</c>, <c>ease-in</c>, <c>ease-out</c>, <c>ease-in-out</c>).</summary>
public enum Easing
{
    /// <summary>Constant speed from the first frame to the last.</summary>
    Linear,

    /// <summary>Starts still and accelerates.</summary>
    EaseIn,

    /// <summary>Starts at speed and decelerates to a stop.</summary>
    EaseOut,

    /// <summary>Accelerates from still, then decelerates to a stop.</summary>
    EaseInOut,
}
