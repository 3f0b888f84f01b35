using Editing.Otio.Algorithms;
using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>Range queries of tracks (otio-format.md §8.1, §8.2, §8.5).</summary>
public partial class Track
{
    /// <summary>
    /// The child's range in the track's untrimmed time frame: it starts after the durations of every earlier child
    /// except transitions (which overlap their neighbours), counted from 0 at the child's duration rate, and a
    /// transition starts its in offset earlier. Cost O(index). Sums follow the RationalTime rate rule, so a 48 fps gap
    /// after 24 fps clips starts at a 48 fps time.
    /// </summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.IllegalIndex"/> for an index outside the children, or a duration cannot be computed.</exception>
    public override TimeRange RangeOfChildAtIndex(int index)
    {
        var children = Children;
        index = AdjustedIndex(index);
        if (index < 0 || index >= children.Count)
        {
            throw ReferenceErrors.Create(OtioErrorKind.IllegalIndex);
        }
        var child = children[index];
        var childDuration = child.Duration();
        var startTime = new RationalTime(0, childDuration.Rate);
        for (var i = 0; i < index; i++)
        {
            var earlier = children[i];
            if (!earlier.Overlapping)
            {
                startTime += earlier.Duration();
            }
        }
        if (child is Transition transition)
        {
            startTime -= transition.InOffset;
        }
        return new TimeRange(startTime, childDuration);
    }

    /// <summary>
    /// <see cref="RangeOfChildAtIndex"/> clipped to the track's source range (<see cref="Composition.TrimChildRange"/>),
    /// still in the untrimmed frame: a track trimmed to start at 10 reports its first child starting at 10.
    /// </summary>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.InvalidTimeRange"/> when the child lies entirely outside the source range; otherwise as
    /// <see cref="RangeOfChildAtIndex"/>.
    /// </exception>
    public override TimeRange TrimmedRangeOfChildAtIndex(int index)
        => TrimChildRange(RangeOfChildAtIndex(index)) ?? throw ReferenceErrors.Create(OtioErrorKind.InvalidTimeRange);

    /// <summary>
    /// (0, Σ durations of the item children), in the track's own frame. Transitions do not count, except the in offset
    /// of a transition that is the first child and the out offset of one that is the last. The sum starts at 0@1, so an
    /// empty track gives (0@1, 0@1).
    /// </summary>
    /// <exception cref="OtioException">An item's duration cannot be computed.</exception>
    public override TimeRange AvailableRange()
    {
        var children = Children;
        var duration = default(RationalTime);
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is Item item)
            {
                duration += item.Duration();
            }
        }
        if (children.Count > 0)
        {
            if (children[0] is Transition first)
            {
                duration += first.InOffset;
            }
            if (children[^1] is Transition last)
            {
                duration += last.OutOffset;
            }
        }
        return new TimeRange(new RationalTime(0, duration.Rate), duration);
    }

    /// <summary>
    /// The children's ranges in one walk: at the rate of the first child (a transition's in offset, an item's trimmed
    /// duration), an item gets (end so far, trimmed duration) and advances the end; a transition gets
    /// (end − in offset, in offset + out offset) and does not. Other composables get the default range.
    /// </summary>
    /// <exception cref="OtioException">An item's trimmed range cannot be computed.</exception>
    public override IReadOnlyList<TimeRange> RangeOfAllChildren()
    {
        var children = Children;
        if (children.Count == 0)
        {
            return Array.Empty<TimeRange>();
        }
        var result = new TimeRange[children.Count];
        double rate = 1;
        if (children[0] is Transition firstTransition)
        {
            rate = firstTransition.InOffset.Rate;
        }
        else if (children[0] is Item firstItem)
        {
            rate = firstItem.TrimmedRange().Duration.Rate;
        }

        var lastEndTime = new RationalTime(0, rate);
        for (var i = 0; i < children.Count; i++)
        {
            switch (children[i])
            {
                case Transition transition:
                    result[i] = new TimeRange(lastEndTime - transition.InOffset, transition.OutOffset + transition.InOffset);
                    break;
                case Item item:
                    var range = new TimeRange(lastEndTime, item.TrimmedRange().Duration);
                    result[i] = range;
                    lastEndTime = range.EndTimeExclusive();
                    break;
            }
        }
        return result;
    }

    /// <summary>
    /// The handles of <paramref name="child"/>: the in offset of a transition just before it and the out offset of a
    /// transition just after it (null where the neighbour is not a transition).
    /// </summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.NotAChildOf"/> when <paramref name="child"/> is not a direct child.</exception>
    public override (RationalTime? In, RationalTime? Out) HandlesOfChild(Composable child)
    {
        var (previous, next) = NeighborsOf(child);
        return (previous is Transition before ? before.InOffset : null, next is Transition after ? after.OutOffset : null);
    }
}
