using Editing.Otio.Algorithms;
using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>Whether <see cref="Composition.NeighborsOf"/> invents gaps next to a transition at either end of a composition.</summary>
public enum NeighborGapPolicy
{
    /// <summary>A missing neighbour is reported as null.</summary>
    Never,

    /// <summary>
    /// A transition that is the first (last) child gets a synthetic <see cref="Gap"/> as previous (next) neighbour,
    /// as long as its in offset (out offset), starting at 0 at that offset's rate.
    /// </summary>
    AroundTransitions,
}

/// <summary>Range queries and searches of compositions (otio-format.md §8.1–8.7).</summary>
public partial class Composition
{
    /// <summary>
    /// The range of the child at <paramref name="index"/> in this composition's time frame, ignoring this
    /// composition's own source range. A negative index counts from the end (−1 is the last child), as in the
    /// reference library.
    /// </summary>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.NotImplemented"/> for a bare composition; <see cref="OtioErrorKind.IllegalIndex"/> for an
    /// index outside the children; or the child's duration cannot be computed.
    /// </exception>
    public virtual TimeRange RangeOfChildAtIndex(int index) => throw ReferenceErrors.Create(OtioErrorKind.NotImplemented);

    /// <summary>
    /// The range of the child at <paramref name="index"/> clipped to this composition's source range, still in this
    /// composition's untrimmed time frame.
    /// </summary>
    /// <exception cref="OtioException">
    /// As <see cref="RangeOfChildAtIndex"/>; for a track, <see cref="OtioErrorKind.InvalidTimeRange"/> when the child lies
    /// entirely outside the source range.
    /// </exception>
    public virtual TimeRange TrimmedRangeOfChildAtIndex(int index) => throw ReferenceErrors.Create(OtioErrorKind.NotImplemented);

    /// <summary>
    /// The range of every child in this composition's time frame, by child index (a track walks its children once, so
    /// rates can differ slightly from <see cref="RangeOfChildAtIndex"/>: a track starts from the first child's rate).
    /// </summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.NotImplemented"/> for a bare composition, or a child's range cannot be computed.</exception>
    public virtual IReadOnlyList<TimeRange> RangeOfAllChildren() => throw ReferenceErrors.Create(OtioErrorKind.NotImplemented);

    /// <summary>
    /// How far the neighbours of <paramref name="child"/> make it visible beyond its trimmed range, in the child's time
    /// frame: <c>In</c> is the in offset of a transition just before it, <c>Out</c> the out offset of a transition just
    /// after it. Only tracks report handles; other compositions return (null, null).
    /// </summary>
    /// <exception cref="OtioException">For a track, <see cref="OtioErrorKind.NotAChildOf"/> when <paramref name="child"/> is not one of its children.</exception>
    public virtual (RationalTime? In, RationalTime? Out) HandlesOfChild(Composable child) => (null, null);

    /// <summary>The index of a direct child (by identity).</summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.NotAChildOf"/> when it is not a direct child.</exception>
    public int IndexOfChild(Composable child)
    {
        var index = Children.IndexOfReference(child);
        return index >= 0 ? index : throw ReferenceErrors.Create(OtioErrorKind.NotAChildOf);
    }

    /// <summary>
    /// The range of a descendant in this composition's time frame: its range in its direct parent, shifted by the start
    /// of each enclosing composition in its own parent up to this one. Durations are kept and the source ranges of the
    /// compositions on the way are ignored.
    /// </summary>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.NotDescendedFrom"/> when <paramref name="descendant"/> is not below this composition;
    /// otherwise as <see cref="RangeOfChildAtIndex"/>.
    /// </exception>
    public TimeRange RangeOfChild(Composable descendant)
    {
        ArgumentNullException.ThrowIfNull(descendant);
        CheckDescends(descendant);
        Composable current = descendant;
        var parent = descendant.Parent!;
        var result = parent.RangeOfChildAtIndex(parent.IndexOfChild(current));
        while (!ReferenceEquals(parent, this))
        {
            current = parent;
            parent = parent.Parent!;
            var step = parent.RangeOfChildAtIndex(parent.IndexOfChild(current));
            result = new TimeRange(result.StartTime + step.StartTime, result.Duration);
        }
        return result;
    }

    /// <summary>
    /// The trimmed range of a descendant in this composition's time frame, then clipped to this composition's source
    /// range; null when nothing of it remains. For a direct child this is
    /// <see cref="TrimmedRangeOfChildAtIndex"/> clipped once more.
    /// </summary>
    /// <remarks>
    /// Reproduces the reference library exactly, including its quirk: after the first step the walk stops advancing
    /// the object it looks up, so children and grandchildren work but anything three or more levels down fails with
    /// <see cref="OtioErrorKind.NotAChildOf"/> (e.g. a clip in a stack in a track of a timeline's stack).
    /// </remarks>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.NotDescendedFrom"/> when <paramref name="descendant"/> is not below this composition;
    /// <see cref="OtioErrorKind.NotAChildOf"/> three or more levels down; otherwise as
    /// <see cref="TrimmedRangeOfChildAtIndex"/>.
    /// </exception>
    public TimeRange? TrimmedRangeOfChild(Composable descendant)
    {
        ArgumentNullException.ThrowIfNull(descendant);
        CheckDescends(descendant);
        var parent = descendant.Parent!;
        var result = parent.TrimmedRangeOfChildAtIndex(parent.IndexOfChild(descendant));
        Composable current = parent;
        while (!ReferenceEquals(parent, this))
        {
            parent = parent.Parent!;
            // The reference never advances `current` past the first parent (the quirk described above).
            var step = parent.TrimmedRangeOfChildAtIndex(parent.IndexOfChild(current));
            result = new TimeRange(result.StartTime + step.StartTime, result.Duration);
        }

        if (SourceRange is not { } sr)
        {
            return result;
        }
        var newStart = RangeMath.Max(sr.StartTime, result.StartTime);
        var resultEnd = result.EndTimeExclusive();
        if (newStart > resultEnd)
        {
            return null;
        }
        var newDuration = RangeMath.Min(resultEnd, sr.EndTimeExclusive()) - newStart;
        if (newDuration.Value < 0)
        {
            return null;
        }
        return new TimeRange(newStart, newDuration);
    }

    /// <summary>
    /// <paramref name="childRange"/> (in this composition's time frame) clipped to this composition's source range:
    /// unchanged without a source range; null when it ends at or before the source range's start or starts at or after
    /// its end; otherwise with its start raised and/or its end lowered to the source range's.
    /// </summary>
    public TimeRange? TrimChildRange(TimeRange childRange)
    {
        if (SourceRange is not { } sr)
        {
            return childRange;
        }
        var pastEndTime = sr.StartTime >= childRange.EndTimeExclusive();
        var beforeStartTime = sr.EndTimeExclusive() <= childRange.StartTime;
        if (pastEndTime || beforeStartTime)
        {
            return null;
        }
        if (childRange.StartTime < sr.StartTime)
        {
            childRange = TimeRange.RangeFromStartEndTime(sr.StartTime, childRange.EndTimeExclusive());
        }
        var srEnd = sr.EndTimeExclusive();
        if (childRange.EndTimeExclusive() > srEnd)
        {
            childRange = TimeRange.RangeFromStartEndTime(childRange.StartTime, srEnd);
        }
        return childRange;
    }

    /// <summary>
    /// The children before and after <paramref name="child"/> (null at either end). With
    /// <see cref="NeighborGapPolicy.AroundTransitions"/>, a transition at the start (end) gets a new <see cref="Gap"/>
    /// as long as its in (out) offset instead of null.
    /// </summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.NotAChildOf"/> when <paramref name="child"/> is not a direct child.</exception>
    public (Composable? Previous, Composable? Next) NeighborsOf(Composable child, NeighborGapPolicy policy = NeighborGapPolicy.Never)
    {
        var index = IndexOfChild(child);
        Composable? previous = null;
        Composable? next = null;
        var children = Children;
        if (index == 0)
        {
            if (policy == NeighborGapPolicy.AroundTransitions && child is Transition t)
            {
                previous = new Gap { SourceRange = new TimeRange(new RationalTime(0, t.InOffset.Rate), t.InOffset) };
            }
        }
        else
        {
            previous = children[index - 1];
        }

        if (index == children.Count - 1)
        {
            if (policy == NeighborGapPolicy.AroundTransitions && child is Transition t)
            {
                next = new Gap { SourceRange = new TimeRange(new RationalTime(0, t.OutOffset.Rate), t.OutOffset) };
            }
        }
        else
        {
            next = children[index + 1];
        }
        return (previous, next);
    }

    /// <summary>
    /// The child whose range (from <see cref="RangeOfAllChildren"/>, in this composition's time frame) contains
    /// <paramref name="searchTime"/>, the first one if several do; null if none. Unless <paramref name="shallowSearch"/>,
    /// a composition found is searched in turn with the time converted into its frame, and its result (possibly null)
    /// is returned.
    /// </summary>
    /// <exception cref="OtioException">The children's ranges cannot be computed.</exception>
    public Composable? ChildAtTime(RationalTime searchTime, bool shallowSearch = false)
    {
        var ranges = RangeOfAllChildren();
        var children = Children;
        var count = children.Count;

        // First child whose exclusive end is not before the time.
        int lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (ranges[mid].EndTimeExclusive() < searchTime)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        var first = lo;

        // One past the last child whose start is not after the time.
        hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (searchTime < ranges[mid].StartTime)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        var last = lo;

        Composable? result = null;
        for (var i = first; i < last; i++)
        {
            if (ranges[i].Contains(searchTime))
            {
                result = children[i];
                break;
            }
        }

        if (result is null || shallowSearch || result is not Composition composition)
        {
            return result;
        }
        var childTime = TransformedTime(searchTime, composition);
        return composition.ChildAtTime(childTime, shallowSearch);
    }

    /// <summary>
    /// The direct children overlapping <paramref name="searchRange"/> (in this composition's time frame), in order. A
    /// track binary-searches its children's ranges (end inclusive against the search start, start against the search's
    /// inclusive end); a stack returns every item whose trimmed range in the stack intersects the search range.
    /// </summary>
    /// <exception cref="OtioException">The children's ranges cannot be computed.</exception>
    public virtual IReadOnlyList<Composable> ChildrenInRange(TimeRange searchRange)
    {
        var ranges = RangeOfAllChildren();
        var children = Children;
        var count = children.Count;
        var start = searchRange.StartTime;
        int lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (ranges[mid].EndTimeInclusive() < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        var first = lo;

        var end = searchRange.EndTimeInclusive();
        hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (end < ranges[mid].StartTime)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        var last = lo;

        var result = new List<Composable>(Math.Max(0, last - first));
        for (var i = first; i < last; i++)
        {
            result.Add(children[i]);
        }
        return result;
    }

    /// <summary>
    /// The descendants of type <typeparamref name="T"/>, depth first in child order (a composition is listed before its
    /// own children). With <paramref name="searchRange"/> (in this composition's time frame), only children from
    /// <see cref="ChildrenInRange"/> are considered, and the range is converted into each composition's frame before
    /// descending. With <paramref name="shallowSearch"/>, only direct children.
    /// </summary>
    /// <remarks>
    /// As in the reference library, the converted search range replaces the original for the following siblings too,
    /// so nested compositions whose trimmed range does not start at 0 shift the range seen by later siblings.
    /// </remarks>
    /// <exception cref="OtioException">A range needed for the search cannot be computed.</exception>
    public List<T> FindChildren<T>(TimeRange? searchRange = null, bool shallowSearch = false)
        where T : SerializableObject
    {
        var result = new List<T>();
        FindChildrenInto(result, searchRange, shallowSearch);
        return result;
    }

    /// <summary>The clips below this composition; see <see cref="FindChildren{T}"/>.</summary>
    /// <exception cref="OtioException">A range needed for the search cannot be computed.</exception>
    public List<Clip> FindClips(TimeRange? searchRange = null, bool shallowSearch = false)
        => FindChildren<Clip>(searchRange, shallowSearch);

    internal void FindChildrenInto<T>(List<T> output, TimeRange? searchRange, bool shallowSearch)
        where T : SerializableObject
    {
        IReadOnlyList<Composable> children = searchRange is { } range ? ChildrenInRange(range) : Children;
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            if (child is T match)
            {
                output.Add(match);
            }
            if (!shallowSearch && child is Composition composition)
            {
                if (searchRange is { } r)
                {
                    searchRange = TransformedTimeRange(r, composition);
                }
                composition.FindChildrenInto(output, searchRange, shallowSearch);
            }
        }
    }

    /// <summary>Turns a possibly negative index into a position, as the reference's <c>adjusted_vector_index</c>.</summary>
    private protected int AdjustedIndex(int index) => index < 0 ? Children.Count + index : index;

    private void CheckDescends(Composable descendant)
    {
        for (var p = descendant.Parent; p is not null; p = p.Parent)
        {
            if (ReferenceEquals(p, this))
            {
                return;
            }
        }
        throw ReferenceErrors.Create(OtioErrorKind.NotDescendedFrom);
    }
}
