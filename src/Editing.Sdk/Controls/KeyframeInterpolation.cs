namespace Editing.Sdk.Controls;

/// <summary>How <see cref="KeyframedValue.ValueAt(double)"/> fills the frames between keyframes. Before the first
/// keyframe the value is the first key's, after the last it is the last key's, whatever the interpolation.
/// JSON Schema hint values are kebab-case (<c>linear</c>, <c>hold</c>, <c>smooth</c>).</summary>
public enum KeyframeInterpolation
{
    /// <summary>Straight lines between keys: halfway between 0@0 and 1@10, frame 5 is 0.5.</summary>
    Linear,

    /// <summary>Steps: each key's value holds until the next key's frame (frame 9.99 of 0@0, 1@10 is 0).</summary>
    Hold,

    /// <summary>
    /// Monotone cubic (Fritsch–Carlson): a smooth curve through every key that never overshoots, so each segment stays
    /// between its two keys' values (a value range is never exceeded) and a key that is a local peak has zero slope.
    /// </summary>
    Smooth,
}
