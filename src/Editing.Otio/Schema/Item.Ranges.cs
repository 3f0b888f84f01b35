using Editing.Otio.Algorithms;
using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>Range queries of items (otio-format.md §7, §8.4–8.6).</summary>
public partial class Item
{
    /// <summary>
    /// The range of media (or of children) this item could show, in the item's own time frame. Clips report their active
    /// media reference's range, tracks and stacks compute theirs from their children; gaps, bare items and bare
    /// compositions have none.
    /// </summary>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.NotImplemented"/> for a gap, a bare item or a bare composition;
    /// <see cref="OtioErrorKind.CannotComputeAvailableRange"/> for a clip without an active media reference or whose
    /// reference has no available range.
    /// </exception>
    public virtual TimeRange AvailableRange() => throw ReferenceErrors.Create(OtioErrorKind.NotImplemented);

    /// <summary>
    /// The part of the item that plays, in the item's own time frame: <see cref="SourceRange"/> when set, else
    /// <see cref="AvailableRange"/>.
    /// </summary>
    /// <exception cref="OtioException">No source range and <see cref="AvailableRange"/> refuses.</exception>
    public TimeRange TrimmedRange() => SourceRange ?? AvailableRange();

    /// <summary>The duration of <see cref="TrimmedRange"/> (so at the rate of the source range or available range).</summary>
    /// <exception cref="OtioException">No source range and <see cref="AvailableRange"/> refuses.</exception>
    public override RationalTime Duration() => TrimmedRange().Duration;

    /// <summary>
    /// The trimmed range widened by the transitions next to the item in a track, in the item's own time frame: a
    /// transition before it moves the start back by its in offset (the duration grows by the same amount), a
    /// transition after it lengthens the duration by its out offset. Without a parent, or in a stack, this is
    /// <see cref="TrimmedRange"/>. Example (24 fps): A [100,+24), transition (in 6, out 4), B [200,+30) gives A visible
    /// [100,+28) and B visible [194,+36).
    /// </summary>
    /// <exception cref="OtioException">The trimmed range cannot be computed.</exception>
    public TimeRange VisibleRange()
    {
        var result = TrimmedRange();
        if (Parent is { } parent)
        {
            var (head, tail) = parent.HandlesOfChild(this);
            if (head is { } h)
            {
                result = new TimeRange(result.StartTime - h, result.Duration + h);
            }
            if (tail is { } t)
            {
                result = new TimeRange(result.StartTime, result.Duration + t);
            }
        }
        return result;
    }

    /// <summary>The item's range in its parent's time frame (untrimmed by the parent's source range): <c>parent.RangeOfChild(this)</c>.</summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.NotAChild"/> without a parent; otherwise as <see cref="Composition.RangeOfChild"/>.</exception>
    public TimeRange RangeInParent()
        => (Parent ?? throw ReferenceErrors.Create(OtioErrorKind.NotAChild)).RangeOfChild(this);

    /// <summary>
    /// The item's range in its parent's time frame, clipped to the parent's source range:
    /// <c>parent.TrimmedRangeOfChild(this)</c>; null when nothing of it remains visible.
    /// </summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.NotAChild"/> without a parent; otherwise as <see cref="Composition.TrimmedRangeOfChild"/>.</exception>
    public TimeRange? TrimmedRangeInParent()
        => (Parent ?? throw ReferenceErrors.Create(OtioErrorKind.NotAChild)).TrimmedRangeOfChild(this);

    /// <summary>
    /// Converts <paramref name="time"/> from this item's time frame to <paramref name="toItem"/>'s. Walks from this item
    /// up towards the root, at each step subtracting the item's trimmed start and adding its start in its parent; then
    /// walks from <paramref name="toItem"/> up to the ancestor reached, doing the inverse. A null
    /// <paramref name="toItem"/> returns the time unchanged.
    /// </summary>
    /// <exception cref="OtioException">A trimmed range or range in parent on the way cannot be computed.</exception>
    public RationalTime TransformedTime(RationalTime time, Item? toItem)
    {
        if (toItem is null)
        {
            return time;
        }
        Item root = this;
        while (root.Parent is { } p)
        {
            root = p;
        }

        Item item = this;
        var result = time;
        while (!ReferenceEquals(item, root) && !ReferenceEquals(item, toItem))
        {
            var parent = item.Parent!;
            result -= item.TrimmedRange().StartTime;
            result += parent.RangeOfChild(item).StartTime;
            item = parent;
        }

        var ancestor = item;
        item = toItem;
        while (!ReferenceEquals(item, root) && !ReferenceEquals(item, ancestor))
        {
            var parent = item.Parent;
            if (parent is null)
            {
                // The reference library assumes both items share a root; a foreign item would dereference null there.
                throw ReferenceErrors.Create(OtioErrorKind.NotDescendedFrom);
            }
            result += item.TrimmedRange().StartTime;
            result -= parent.RangeOfChild(item).StartTime;
            item = parent;
        }
        return result;
    }

    /// <summary>
    /// Converts a range from this item's time frame to <paramref name="toItem"/>'s: the start is transformed with
    /// <see cref="TransformedTime"/>, the duration is kept.
    /// </summary>
    /// <exception cref="OtioException">As <see cref="TransformedTime"/>.</exception>
    public TimeRange TransformedTimeRange(TimeRange timeRange, Item? toItem)
        => new(TransformedTime(timeRange.StartTime, toItem), timeRange.Duration);
}
