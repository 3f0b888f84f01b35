using Editing.Otio.Algorithms;
using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>Range queries of stacks (otio-format.md §8.3): every child starts at 0.</summary>
public partial class Stack
{
    /// <summary>(0 at the child's duration rate, the child's duration): every child starts at the stack's start.</summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.IllegalIndex"/> for an index outside the children, or the child's duration cannot be computed.</exception>
    public override TimeRange RangeOfChildAtIndex(int index)
    {
        index = AdjustedIndex(index);
        if (index < 0 || index >= Children.Count)
        {
            throw ReferenceErrors.Create(OtioErrorKind.IllegalIndex);
        }
        var duration = Children[index].Duration();
        return new TimeRange(new RationalTime(0, duration.Rate), duration);
    }

    /// <summary>
    /// With a source range, (source start, the shorter of the child's duration and the source duration); otherwise
    /// <see cref="RangeOfChildAtIndex"/>.
    /// </summary>
    /// <exception cref="OtioException">As <see cref="RangeOfChildAtIndex"/>.</exception>
    public override TimeRange TrimmedRangeOfChildAtIndex(int index)
    {
        var range = RangeOfChildAtIndex(index);
        if (SourceRange is not { } sr)
        {
            return range;
        }
        return new TimeRange(sr.StartTime, RangeMath.Min(range.Duration, sr.Duration));
    }

    /// <summary>
    /// (0, the longest child duration) in the stack's own frame, compared in seconds with the first child winning ties;
    /// an empty stack gives (0@1, 0@1).
    /// </summary>
    /// <exception cref="OtioException">A child's duration cannot be computed.</exception>
    public override TimeRange AvailableRange()
    {
        var children = Children;
        if (children.Count == 0)
        {
            return default;
        }
        var duration = children[0].Duration();
        for (var i = 1; i < children.Count; i++)
        {
            duration = RangeMath.Max(duration, children[i].Duration());
        }
        return new TimeRange(new RationalTime(0, duration.Rate), duration);
    }

    /// <summary>Every child's <see cref="RangeOfChildAtIndex"/>.</summary>
    /// <exception cref="OtioException">A child's duration cannot be computed.</exception>
    public override IReadOnlyList<TimeRange> RangeOfAllChildren()
    {
        var children = Children;
        var result = new TimeRange[children.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = RangeOfChildAtIndex(i);
        }
        return result;
    }

    /// <summary>Every item child whose <see cref="Item.TrimmedRangeInParent"/> exists and intersects <paramref name="searchRange"/>.</summary>
    /// <exception cref="OtioException">A child's trimmed range in the stack cannot be computed.</exception>
    public override IReadOnlyList<Composable> ChildrenInRange(TimeRange searchRange)
    {
        var result = new List<Composable>();
        var children = Children;
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is Item item && item.TrimmedRangeInParent() is { } range && range.Intersects(searchRange))
            {
                result.Add(item);
            }
        }
        return result;
    }
}
