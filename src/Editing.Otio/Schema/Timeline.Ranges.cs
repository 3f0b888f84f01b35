using Editing.Otio.Algorithms;
using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>Range queries and searches of timelines, forwarded to <see cref="Timeline.Tracks"/> (otio-format.md §8.3, §8.7).</summary>
public partial class Timeline
{
    /// <summary>
    /// The duration of the tracks stack (the longest track, or the stack's source range). <see cref="GlobalStartTime"/>
    /// is not involved. A timeline whose tracks are null counts as empty (0@1).
    /// </summary>
    /// <exception cref="OtioException">A track's duration cannot be computed.</exception>
    public RationalTime Duration() => Tracks?.Duration() ?? default;

    /// <summary>
    /// The range of a descendant of the tracks stack in the stack's (= the timeline's) time frame, without
    /// <see cref="GlobalStartTime"/>; see <see cref="Composition.RangeOfChild"/>.
    /// </summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.NotDescendedFrom"/> when it is not in this timeline; otherwise as <see cref="Composition.RangeOfChild"/>.</exception>
    public TimeRange RangeOfChild(Composable descendant)
        => (Tracks ?? throw ReferenceErrors.Create(OtioErrorKind.NotDescendedFrom)).RangeOfChild(descendant);

    /// <summary>
    /// The trimmed range of a descendant of the tracks stack in the timeline's time frame; see
    /// <see cref="Composition.TrimmedRangeOfChild"/> (including its three-levels-down quirk).
    /// </summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.NotDescendedFrom"/> when it is not in this timeline; otherwise as <see cref="Composition.TrimmedRangeOfChild"/>.</exception>
    public TimeRange? TrimmedRangeOfChild(Composable descendant)
        => (Tracks ?? throw ReferenceErrors.Create(OtioErrorKind.NotDescendedFrom)).TrimmedRangeOfChild(descendant);

    /// <summary>The objects of type <typeparamref name="T"/> in the tracks; see <see cref="Composition.FindChildren{T}"/> (the range is in the timeline's frame).</summary>
    /// <exception cref="OtioException">A range needed for the search cannot be computed.</exception>
    public List<T> FindChildren<T>(TimeRange? searchRange = null, bool shallowSearch = false)
        where T : SerializableObject
        => Tracks?.FindChildren<T>(searchRange, shallowSearch) ?? [];

    /// <summary>The clips in the tracks; see <see cref="Composition.FindChildren{T}"/>.</summary>
    /// <exception cref="OtioException">A range needed for the search cannot be computed.</exception>
    public List<Clip> FindClips(TimeRange? searchRange = null, bool shallowSearch = false)
        => FindChildren<Clip>(searchRange, shallowSearch);
}
