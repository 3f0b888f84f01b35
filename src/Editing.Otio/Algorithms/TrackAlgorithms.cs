using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Otio.Algorithms;

/// <summary>Algorithms on tracks (the reference's <c>algo/trackAlgo</c>; otio-format.md §8.8).</summary>
public static class TrackAlgorithms
{
    private const string ChildMissingFromMap = "failed to find child in track_map map";
    private const string ExpectedItem = "Expected child of type Item*";

    /// <summary>
    /// A copy of <paramref name="track"/> holding only what lies in <paramref name="trimRange"/> (in the track's
    /// untrimmed time frame, as given by <see cref="Composition.RangeOfAllChildren"/>): children that do not intersect
    /// the range are removed, and items not strictly contained in it (an item exactly equal to the range counts as not
    /// contained) get a source range shortened at the front by (range start − child start) and at the back by
    /// (child end − range end) where positive. The track's own source range is ignored and copied unchanged. The input
    /// is not modified.
    /// </summary>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.CannotTrimTransition"/> when the range cuts through a transition;
    /// <see cref="OtioErrorKind.CannotComputeAvailableRange"/> for a child that is neither an item nor a transition;
    /// or a child's trimmed range cannot be computed.
    /// </exception>
    public static Track TrackTrimmedToRange(Track track, TimeRange trimRange)
    {
        ArgumentNullException.ThrowIfNull(track);
        var newTrack = (Track)track.Clone();
        var ranges = newTrack.RangeOfAllChildren();
        var children = newTrack.Children;
        for (var i = children.Count - 1; i >= 0; i--)
        {
            var child = children[i];
            if (child is not Item && child is not Transition)
            {
                throw ReferenceErrors.Create(OtioErrorKind.CannotComputeAvailableRange, ChildMissingFromMap);
            }
            var childRange = ranges[i];
            if (!trimRange.Intersects(childRange))
            {
                children.RemoveAt(i);
            }
            else if (!trimRange.Contains(childRange))
            {
                if (child is Transition)
                {
                    throw ReferenceErrors.Create(OtioErrorKind.CannotTrimTransition, ReferenceErrors.CannotTrimInTransition);
                }
                var item = child as Item ?? throw ReferenceErrors.Create(OtioErrorKind.TypeMismatch, ExpectedItem);
                var sourceRange = item.TrimmedRange();
                if (trimRange.StartTime > childRange.StartTime)
                {
                    var trimAmount = trimRange.StartTime - childRange.StartTime;
                    sourceRange = new TimeRange(sourceRange.StartTime + trimAmount, sourceRange.Duration - trimAmount);
                }
                var trimEnd = trimRange.EndTimeExclusive();
                var childEnd = childRange.EndTimeExclusive();
                if (trimEnd < childEnd)
                {
                    var trimAmount = childEnd - trimEnd;
                    sourceRange = new TimeRange(sourceRange.StartTime, sourceRange.Duration - trimAmount);
                }
                item.SourceRange = sourceRange;
            }
        }
        return newTrack;
    }
}
