using Editing.Otio.Algorithms;
using Editing.Otio.Schema;
using static Editing.Otio.Tests.Algorithms.AlgorithmTestData;

namespace Editing.Otio.Tests.Algorithms;

public sealed class TrimAndFlattenTests
{
    private static Track WithTransition()
        => TrackOf("V1", ClipOf("A", 100, 24), Dissolve("T", 6, 6), ClipOf("B", 200, 24));

    [Fact]
    public void Trimming_through_a_transition_is_refused()
    {
        var e = Refused(OtioErrorKind.CannotTrimTransition, () => TrackAlgorithms.TrackTrimmedToRange(WithTransition(), R(0, 20)));
        Assert.Equal("Cannot trim in the middle of a transition", e.Message);
    }

    [Fact]
    public void Trimming_removes_outside_children_and_shortens_the_cut_ones()
    {
        var original = WithTransition();
        var trimmed = TrackAlgorithms.TrackTrimmedToRange(original, R(0, 12));
        var a = Assert.IsType<Clip>(Assert.Single(trimmed.Children));
        AssertRange(100, 12, 24, a.SourceRange);

        // A range that strictly contains the transition keeps it and trims both clips.
        trimmed = TrackAlgorithms.TrackTrimmedToRange(original, R(12, 24));
        Assert.Equal(["A", "T", "B"], trimmed.Children.Select(c => c.Name));
        AssertRange(112, 12, 24, ((Clip)trimmed.Children[0]).SourceRange);
        AssertRange(200, 12, 24, ((Clip)trimmed.Children[2]).SourceRange);

        // The input is untouched.
        Assert.Equal(3, original.Children.Count);
        AssertRange(100, 24, 24, ((Clip)original.Children[0]).SourceRange);
    }

    [Fact]
    public void A_child_equal_to_the_trim_range_is_not_contained_but_keeps_its_range()
    {
        var trimmed = TrackAlgorithms.TrackTrimmedToRange(TrackOf("V1", ClipOf("A", 100, 24), ClipOf("B", 200, 24)), R(24, 24));
        var b = Assert.IsType<Clip>(Assert.Single(trimmed.Children));
        Assert.Equal("B", b.Name);
        AssertRange(200, 24, 24, b.SourceRange);
    }

    /// <summary>
    /// V1 (bottom): b1 [0,10) b2 [10,20). V2: gap [0,5), t1 [5,10), gap [10,20). V3 (top, disabled): "hidden" [0,20).
    /// </summary>
    private static Stack LayeredStack()
    {
        var v1 = TrackOf("V1", ClipOf("b1", 100, 10), ClipOf("b2", 200, 10));
        var v2 = TrackOf("V2", GapOf(5), ClipOf("t1", 50, 5), GapOf(10));
        var v3 = TrackOf("V3", ClipOf("hidden", 0, 20));
        v3.Enabled = false;
        var stack = new Stack();
        stack.Children.AddRange([v1, v2, v3]);
        return stack;
    }

    [Fact]
    public void Flattening_a_stack_skips_disabled_tracks_and_fills_gaps_from_below()
    {
        var flat = StackAlgorithms.FlattenStack(LayeredStack());
        Assert.Equal("Flattened", flat.Name);
        Assert.Equal(["b1", "t1", "b2"], flat.Children.Select(c => c.Name));
        AssertRange(100, 5, 24, ((Clip)flat.Children[0]).SourceRange);
        AssertRange(50, 5, 24, ((Clip)flat.Children[1]).SourceRange);
        AssertRange(200, 10, 24, ((Clip)flat.Children[2]).SourceRange);
        AssertTime(20, 24, flat.Duration());
        AssertRange(10, 10, 24, flat.RangeOfChild(flat.Children[2]));
    }

    [Fact]
    public void Flattening_a_list_of_tracks_takes_them_as_given()
    {
        var stack = LayeredStack();
        var tracks = stack.Children.Cast<Track>().ToList();
        var flat = StackAlgorithms.FlattenStack(tracks);
        Assert.Equal(["hidden"], flat.Children.Select(c => c.Name));
    }

    [Fact]
    public void Disabled_clips_show_what_is_below_and_short_tracks_are_padded()
    {
        var v1 = TrackOf("V1", ClipOf("low", 0, 30));
        var off = ClipOf("off", 0, 10);
        off.Enabled = false;
        var v2 = TrackOf("V2", off);
        var flat = StackAlgorithms.FlattenStack([v1, v2]);
        Assert.Equal(["low", "low"], flat.Children.Select(c => c.Name));
        AssertRange(0, 10, 24, ((Clip)flat.Children[0]).SourceRange);
        AssertRange(10, 20, 24, ((Clip)flat.Children[1]).SourceRange);
        Assert.Single(v2.Children);
    }

    [Fact]
    public void Flattening_refuses_non_track_children()
    {
        var stack = new Stack();
        stack.Children.Add(ClipOf("loose", 0, 5));
        Refused(OtioErrorKind.TypeMismatch, () => StackAlgorithms.FlattenStack(stack));
    }
}
