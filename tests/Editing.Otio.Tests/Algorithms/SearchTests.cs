using Editing.Otio.Schema;
using static Editing.Otio.Tests.Algorithms.AlgorithmTestData;

namespace Editing.Otio.Tests.Algorithms;

public sealed class SearchTests
{
    private static (Timeline Timeline, Track Track, Clip C0, Clip C1, Clip C2) ThreeClips()
    {
        var c0 = ClipOf("c0", 100, 10);
        var c1 = ClipOf("c1", 200, 10);
        var c2 = ClipOf("c2", 300, 10);
        var track = TrackOf("V1", c0, c1, c2);
        return (TimelineOf(track), track, c0, c1, c2);
    }

    [Fact]
    public void Find_clips_without_a_range_lists_every_clip_depth_first()
    {
        var (timeline, track, c0, c1, c2) = ThreeClips();
        Assert.Equal([c0, c1, c2], timeline.FindClips());
        Assert.Empty(timeline.FindClips(shallowSearch: true));
        Assert.Equal([track], timeline.FindChildren<Track>());
        Assert.Equal([c0, c1, c2], track.FindClips(shallowSearch: true));
    }

    [Fact]
    public void Find_clips_with_a_search_range_keeps_the_overlapping_ones()
    {
        var (timeline, _, c0, c1, _) = ThreeClips();
        Assert.Equal([c1], timeline.FindClips(R(12, 5)));
        Assert.Equal([c0, c1], timeline.FindClips(R(9, 2)));
        Assert.Empty(timeline.FindClips(R(40, 5)));
    }

    [Fact]
    public void Serializable_collections_forward_to_timelines_and_compositions()
    {
        var (timeline, _, c0, c1, c2) = ThreeClips();
        var loose = ClipOf("loose", 0, 5);
        var collection = new SerializableCollection();
        collection.Children.AddRange([timeline, loose]);
        Assert.Equal([c0, c1, c2, loose], collection.FindClips());
        Assert.Equal([loose], collection.FindClips(shallowSearch: true));
        Assert.Equal([timeline], collection.FindChildren<Timeline>());
    }

    [Fact]
    public void Child_at_time_descends_unless_shallow()
    {
        var (timeline, track, _, c1, _) = ThreeClips();
        var stack = timeline.Tracks!;
        Assert.Same(c1, stack.ChildAtTime(T(15)));
        Assert.Same(track, stack.ChildAtTime(T(15), shallowSearch: true));
        Assert.Same(c1, track.ChildAtTime(T(10)));
        Assert.Null(stack.ChildAtTime(T(30)));
        Assert.Null(stack.ChildAtTime(T(-1)));
    }

    [Fact]
    public void Children_in_range_of_a_track_and_of_a_stack()
    {
        var (timeline, track, c0, c1, c2) = ThreeClips();
        Assert.Equal([c1, c2], track.ChildrenInRange(R(15, 10)));
        Assert.Equal([track], timeline.Tracks!.ChildrenInRange(R(0, 1)));
        Assert.Empty(timeline.Tracks!.ChildrenInRange(R(30, 1)));
        Assert.Equal([c0], track.ChildrenInRange(R(0, 1)));
    }

    [Fact]
    public void Neighbours_get_synthetic_gaps_around_transitions_only_on_request()
    {
        var first = Dissolve("first", 5, 5);
        var a = ClipOf("A", 0, 20);
        var last = Dissolve("last", 3, 2);
        var track = TrackOf("V1", first, a, last);

        var (p, n) = track.NeighborsOf(first);
        Assert.Null(p);
        Assert.Same(a, n);

        (p, n) = track.NeighborsOf(first, NeighborGapPolicy.AroundTransitions);
        var gap = Assert.IsType<Gap>(p);
        AssertRange(0, 5, 24, gap.SourceRange);
        Assert.Null(gap.Parent);
        Assert.Same(a, n);

        (p, n) = track.NeighborsOf(last, NeighborGapPolicy.AroundTransitions);
        Assert.Same(a, p);
        AssertRange(0, 2, 24, Assert.IsType<Gap>(n).SourceRange);

        (p, n) = track.NeighborsOf(a, NeighborGapPolicy.AroundTransitions);
        Assert.Same(first, p);
        Assert.Same(last, n);

        Refused(OtioErrorKind.NotAChildOf, () => track.NeighborsOf(ClipOf("x", 0, 1)));
    }
}
