namespace Editing.Sdk.Controls;

/// <summary>Whether a <see cref="TimeParameter"/> holds a point in time or a length of time.</summary>
public enum TimeKind
{
    /// <summary>A point in time, counted from the clip's first frame (may be negative: before the clip).</summary>
    Time,

    /// <summary>A length of time; never negative.</summary>
    Duration,
}
