using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Otio.Algorithms;

/// <summary>Algorithms on stacks (the reference's <c>algo/stackAlgo</c>; otio-format.md §8.8).</summary>
public static class StackAlgorithms
{
    /// <summary>The name of the track <see cref="FlattenStack(Stack)"/> returns.</summary>
    public const string FlattenedTrackName = "Flattened";

    private const string ExpectedTrack = "expected item of type Track*";
    private const string ExpectedItemOrTransition = "expected item of type Item* || Transition*";

    /// <summary>
    /// Flattens the <b>enabled</b> tracks of <paramref name="stack"/> into one new track named
    /// <see cref="FlattenedTrackName"/>: what shows through from the top (last) track down. See
    /// <see cref="FlattenStack(IReadOnlyList{Track})"/> for the rules.
    /// </summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.TypeMismatch"/> when a child of the stack is not a track; otherwise as the list overload.</exception>
    public static Track FlattenStack(Stack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var tracks = new List<Track>(stack.Children.Count);
        foreach (var child in stack.Children)
        {
            if (child is not Track track)
            {
                throw ReferenceErrors.Create(OtioErrorKind.TypeMismatch, ExpectedTrack);
            }
            if (track.Enabled)
            {
                tracks.Add(track);
            }
        }
        return Flatten(tracks);
    }

    /// <summary>
    /// Flattens <paramref name="tracks"/> (all of them, enabled or not; the last is the top) into one new track named
    /// <see cref="FlattenedTrackName"/>. Tracks shorter than the longest are first padded (on copies) with a gap. Then,
    /// walking the top track: a transition, a visible item (an enabled clip, track or stack) or anything on the bottom
    /// track is copied into the result; a gap or disabled item is replaced by what the track below holds in its range
    /// (that track trimmed with <see cref="TrackAlgorithms.TrackTrimmedToRange"/>), recursively. Tracks' own source
    /// ranges are not honoured: raw child positions are used. The inputs are not modified.
    /// </summary>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.CannotTrimTransition"/> when a lower track would have to be cut through a transition;
    /// <see cref="OtioErrorKind.TypeMismatch"/> for a child that is neither an item nor a transition; or a duration or
    /// range cannot be computed.
    /// </exception>
    public static Track FlattenStack(IReadOnlyList<Track> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        return Flatten(new List<Track>(tracks));
    }

    private static Track Flatten(List<Track> tracks)
    {
        NormalizeTrackLengths(tracks);
        var flat = new Track { Name = FlattenedTrackName };
        FlattenNextItem(flat, tracks, -1, null);
        return flat;
    }

    private static void NormalizeTrackLengths(List<Track> tracks)
    {
        var duration = default(RationalTime);
        foreach (var track in tracks)
        {
            duration = RangeMath.Max(duration, track.Duration());
        }
        for (var i = 0; i < tracks.Count; i++)
        {
            var trackDuration = tracks[i].Duration();
            if (trackDuration < duration)
            {
                var padded = (Track)tracks[i].Clone();
                var gapDuration = duration - trackDuration;
                padded.Children.Add(new Gap { SourceRange = new TimeRange(new RationalTime(0, gapDuration.Rate), gapDuration) });
                tracks[i] = padded;
            }
        }
    }

    private static void FlattenNextItem(Track flat, List<Track> tracks, int trackIndex, TimeRange? trimRange)
    {
        if (trackIndex < 0)
        {
            trackIndex = tracks.Count - 1;
        }
        if (trackIndex < 0)
        {
            return;
        }
        var track = tracks[trackIndex];
        if (trimRange is { } range)
        {
            track = TrackAlgorithms.TrackTrimmedToRange(track, range);
        }

        var ranges = track.RangeOfAllChildren();
        var children = track.Children;
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            var item = child as Item;
            if (item is null && child is not Transition)
            {
                throw ReferenceErrors.Create(OtioErrorKind.TypeMismatch, ExpectedItemOrTransition);
            }
            if (item is null || item.Visible || trackIndex == 0)
            {
                flat.Children.Add((Composable)child.Clone());
            }
            else
            {
                var trim = ranges[i];
                if (trimRange is { } outer)
                {
                    trim = new TimeRange(trim.StartTime + outer.StartTime, trim.Duration);
                }
                FlattenNextItem(flat, tracks, trackIndex - 1, trim);
            }
        }
    }
}
