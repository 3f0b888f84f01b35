using Editing.Otio.Schema;
using static Editing.Otio.Tests.Algorithms.AlgorithmTestData;

namespace Editing.Otio.Tests.Algorithms;

public sealed class RangeTests
{
    /// <summary>otio-format.md §8.5: A [100,+24), T (in 6, out 4), B [200,+30) at 24 fps.</summary>
    private static (Track Track, Clip A, Transition T, Clip B) HandlesExample()
    {
        var a = ClipOf("A", 100, 24);
        var t = Dissolve("T", 6, 4);
        var b = ClipOf("B", 200, 30);
        return (TrackOf("V1", a, t, b), a, t, b);
    }

    [Fact]
    public void Visible_ranges_grow_by_the_adjacent_transition_offsets()
    {
        var (_, a, t, b) = HandlesExample();
        AssertRange(100, 28, 24, a.VisibleRange());
        AssertRange(194, 36, 24, b.VisibleRange());
        AssertRange(18, 10, 24, t.RangeInParent());
        AssertRange(18, 10, 24, t.TrimmedRangeInParent());
    }

    [Fact]
    public void Transitions_do_not_advance_the_track_position()
    {
        var (track, a, _, b) = HandlesExample();
        AssertRange(0, 24, 24, a.RangeInParent());
        AssertRange(24, 30, 24, b.RangeInParent());
        AssertRange(0, 54, 24, track.AvailableRange());
        AssertTime(54, 24, track.Duration());
        var all = track.RangeOfAllChildren();
        AssertRange(0, 24, 24, all[0]);
        AssertRange(18, 10, 24, all[1]);
        AssertRange(24, 30, 24, all[2]);
    }

    [Fact]
    public void Handles_are_the_in_offset_before_and_the_out_offset_after()
    {
        var (track, a, t, b) = HandlesExample();
        var (aIn, aOut) = track.HandlesOfChild(a);
        Assert.Null(aIn);
        AssertTime(4, 24, aOut);
        var (bIn, bOut) = track.HandlesOfChild(b);
        AssertTime(6, 24, bIn);
        Assert.Null(bOut);
        Assert.Equal((null, null), track.HandlesOfChild(t));
        Refused(OtioErrorKind.NotAChildOf, () => track.HandlesOfChild(ClipOf("stranger", 0, 1)));

        var stack = new Stack();
        var c = ClipOf("C", 0, 10);
        stack.Children.Add(c);
        Assert.Equal((null, null), stack.HandlesOfChild(c));
    }

    [Fact]
    public void A_leading_or_trailing_transition_counts_in_the_track_duration()
    {
        var track = TrackOf("V1", Dissolve("in", 5, 5), ClipOf("A", 0, 50), Dissolve("out", 3, 2));
        AssertRange(0, 57, 24, track.AvailableRange());
        AssertRange(-5, 10, 24, track.RangeOfChildAtIndex(0));
        AssertRange(47, 5, 24, track.RangeOfChildAtIndex(2));
        AssertRange(47, 5, 24, track.RangeOfChildAtIndex(-1));
    }

    [Fact]
    public void An_empty_track_and_an_empty_stack_have_zero_duration_at_rate_one()
    {
        AssertRange(0, 0, 1, new Track().AvailableRange());
        AssertRange(0, 0, 1, new Stack().AvailableRange());
        AssertTime(0, 1, new Timeline().Duration());
    }

    [Fact]
    public void Available_ranges_are_refused_as_the_reference_does()
    {
        var e = Refused(OtioErrorKind.CannotComputeAvailableRange, () => new Clip().AvailableRange());
        Assert.Equal("No available_range set on media reference on clip", e.Message);
        Refused(OtioErrorKind.NotImplemented, () => GapOf(10).AvailableRange());
        Refused(OtioErrorKind.NotImplemented, () => new Composition().AvailableRange());
        Refused(OtioErrorKind.NotImplemented, () => new Item().TrimmedRange());

        // A gap's source range is its trimmed range.
        AssertRange(0, 10, 24, GapOf(10).TrimmedRange());
        AssertTime(10, 24, GapOf(10).Duration());

        // The active reference decides.
        var clip = new Clip("c", new ExternalReference("a.mov", R(5, 20)));
        clip.AddMediaReference("proxy", new ExternalReference("b.mov", R(0, 99)));
        AssertRange(5, 20, 24, clip.AvailableRange());
        clip.SetActiveMediaReferenceKey("proxy");
        AssertRange(0, 99, 24, clip.TrimmedRange());
    }

    [Fact]
    public void A_trimmed_track_clips_its_children_in_untrimmed_coordinates()
    {
        var c1 = ClipOf("c1", 0, 24);
        var c2 = ClipOf("c2", 0, 24);
        var c3 = ClipOf("c3", 0, 24);
        var track = TrackOf("V1", c1, c2, c3);
        track.SourceRange = R(10, 20);

        AssertRange(10, 14, 24, track.TrimmedRangeOfChildAtIndex(0));
        AssertRange(24, 6, 24, track.TrimmedRangeOfChildAtIndex(1));
        Refused(OtioErrorKind.InvalidTimeRange, () => track.TrimmedRangeOfChildAtIndex(2));
        AssertRange(10, 14, 24, c1.TrimmedRangeInParent());
        AssertRange(24, 24, 24, c2.RangeInParent());
        AssertTime(20, 24, track.Duration());

        var timeline = TimelineOf(track);
        AssertRange(24, 24, 24, timeline.RangeOfChild(c2));
        AssertRange(24, 6, 24, timeline.TrimmedRangeOfChild(c2));
    }

    [Fact]
    public void A_trimmed_stack_starts_every_child_at_its_source_start()
    {
        var stack = new Stack { SourceRange = R(5, 10) };
        var longClip = ClipOf("long", 0, 30);
        var shortClip = ClipOf("short", 0, 4);
        stack.Children.AddRange([longClip, shortClip]);
        AssertRange(0, 30, 24, stack.AvailableRange());
        AssertRange(0, 30, 24, stack.RangeOfChildAtIndex(0));
        AssertRange(5, 10, 24, stack.TrimmedRangeOfChildAtIndex(0));
        AssertRange(5, 4, 24, stack.TrimmedRangeOfChildAtIndex(1));
        AssertRange(5, 10, 24, longClip.TrimmedRangeInParent());
    }

    [Fact]
    public void Bad_indices_are_illegal()
    {
        var track = TrackOf("V1", ClipOf("a", 0, 10));
        Refused(OtioErrorKind.IllegalIndex, () => track.RangeOfChildAtIndex(1));
        Refused(OtioErrorKind.IllegalIndex, () => track.RangeOfChildAtIndex(-2));
        var stack = new Stack();
        Refused(OtioErrorKind.IllegalIndex, () => stack.RangeOfChildAtIndex(0));
    }

    [Fact]
    public void Trimmed_range_of_child_fails_three_levels_down_like_the_reference()
    {
        var inner = ClipOf("inner", 10, 5);
        var nested = new Stack { Name = "nested" };
        nested.Children.Add(inner);
        var before = ClipOf("before", 0, 12);
        var track = TrackOf("V1", before, nested);
        var timeline = TimelineOf(track);

        AssertRange(12, 5, 24, timeline.RangeOfChild(inner));
        AssertRange(12, 5, 24, track.TrimmedRangeOfChild(inner));
        Refused(OtioErrorKind.NotAChildOf, () => timeline.TrimmedRangeOfChild(inner));
        Refused(OtioErrorKind.NotDescendedFrom, () => track.RangeOfChild(ClipOf("stranger", 0, 1)));
    }

    [Fact]
    public void Transformed_time_goes_through_the_common_ancestor()
    {
        var c0 = ClipOf("c0", 100, 10);
        var c1 = ClipOf("c1", 200, 10);
        var track = TrackOf("V1", c0, c1);
        var timeline = TimelineOf(track);

        AssertTime(115, 24, c1.TransformedTime(T(205), c0));
        AssertTime(15, 24, c1.TransformedTime(T(205), timeline.Tracks));
        AssertTime(205, 24, timeline.Tracks!.TransformedTime(T(15), c1));
        AssertRange(115, 3, 24, c1.TransformedTimeRange(R(205, 3), c0));
        AssertTime(7, 24, c1.TransformedTime(T(7), null));
    }

    [Fact]
    public void Range_in_parent_needs_a_parent()
    {
        Refused(OtioErrorKind.NotAChild, () => ClipOf("a", 0, 1).RangeInParent());
        Refused(OtioErrorKind.NotAChild, () => Dissolve("t", 1, 1).RangeInParent());
    }
}
