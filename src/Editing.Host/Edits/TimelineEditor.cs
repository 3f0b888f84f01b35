using Editing.Otio;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Sdk.Tools.Edits;

namespace Editing.Host.Edits;

/// <summary>
/// Applies a tool's edit intents to the timeline. Items are held by reference, so edits on one item do not disturb
/// the selection of others. Ripple inserts keep the other tracks in sync: at the insertion time each other track gets
/// a gap of the same duration (splitting an item that spans the point), or, for an audio track whose item plays the
/// same media as the source clip, a clip of the new media (its audio).
/// </summary>
public static class TimelineEditor
{
    /// <summary>The metadata namespace the host writes under.</summary>
    public const string Namespace = "editing";

    /// <summary>Applies one intent to <paramref name="target"/>.</summary>
    /// <exception cref="EditException">The intent does not fit the target (e.g. fill-gap on a clip).</exception>
    public static void Apply(Timeline timeline, Item target, EditIntent intent, IReadOnlyDictionary<string, PlacedOutput> outputs)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(intent);
        PlacedOutput Output(OutputEdit e) => outputs.TryGetValue(e.OutputId, out var o)
            ? o
            : throw new EditException($"the tool's edit refers to output '{e.OutputId}', which it did not produce");

        switch (intent)
        {
            case ReplaceActiveMedia r:
                AddReference(ClipOf(target, intent), Output(r), "generated", makeActive: true);
                break;
            case AddVariant v:
                AddReference(ClipOf(target, intent), Output(v), "variant", v.MakeActive);
                break;
            case SetActiveMedia s:
                var clip = ClipOf(target, intent);
                if (!clip.MediaReferences.ContainsKey(s.ReferenceKey))
                {
                    throw new EditException($"clip '{clip.Name}' has no media reference '{s.ReferenceKey}' (it has: {string.Join(", ", clip.MediaReferences.Keys)})");
                }

                clip.SetActiveMediaReferenceKey(s.ReferenceKey);
                break;
            case InsertClip i:
                Insert(timeline, target, i, Output(i));
                break;
            case FillGap f:
                Fill(target, f, Output(f));
                break;
            case ReplaceWithRender w:
                Render(ClipOf(target, intent), Output(w));
                break;
            default:
                throw new EditException($"unsupported edit '{intent.GetType().Name}'");
        }
    }

    private static Clip ClipOf(Item target, EditIntent intent) =>
        target as Clip ?? throw new EditException($"{Kebab(intent)} needs a clip, but {target} is a {target.SchemaName}");

    private static string Kebab(EditIntent intent) => intent.GetType().Name;

    private static ExternalReference Reference(PlacedOutput output) =>
        new(output.TargetUrl, output.AvailableRange) { Name = Path.GetFileName(output.TargetUrl) };

    /// <summary>The first free key <c>{prefix}_v001</c>, <c>{prefix}_v002</c>...</summary>
    public static string NextKey(Clip clip, string prefix)
    {
        for (var n = 1; ; n++)
        {
            var key = $"{prefix}_v{n:000}";
            if (!clip.MediaReferences.ContainsKey(key))
            {
                return key;
            }
        }
    }

    private static void AddReference(Clip clip, PlacedOutput output, string prefix, bool makeActive)
    {
        var reference = Reference(output);
        reference.Metadata[Namespace] = output.Editing.DeepClone();
        var key = NextKey(clip, prefix);
        clip.AddMediaReference(key, reference);
        if (makeActive)
        {
            clip.SetActiveMediaReferenceKey(key);
        }
    }

    private static Clip NewClip(string name, PlacedOutput output, Item source)
    {
        var reference = Reference(output);
        reference.Metadata[Namespace] = output.Editing.DeepClone();
        var clip = new Clip(name, reference, output.AvailableRange);
        var block = output.Editing.DeepClone();
        if (source is Clip)
        {
            block["source_clip"] = source.Name;
        }

        clip.Metadata[Namespace] = block;
        return clip;
    }

    private static void Insert(Timeline timeline, Item target, InsertClip insert, PlacedOutput output)
    {
        var track = target.Parent as Track ?? throw new EditException($"{target} is not on a track");
        var clip = NewClip(insert.ClipName, output, target);
        var duration = output.AvailableRange.Duration;
        var index = track.Children.IndexOfReference(target);
        var targetRange = track.RangeOfChildAtIndex(index);
        var at = insert.Position == InsertPosition.After ? index + 1 : index;
        var atTime = insert.Position == InsertPosition.After ? targetRange.EndTimeExclusive() : targetRange.StartTime;

        if (insert.Mode == InsertMode.Overwrite)
        {
            if (insert.Position == InsertPosition.After)
            {
                ConsumeForward(track, at, duration);
            }
            else
            {
                at = ConsumeBackward(track, at, duration);
            }

            track.Children.Insert(at, clip);
            return;
        }

        track.Children.Insert(at, clip);
        var stack = timeline.Tracks;
        if (stack is null)
        {
            return;
        }

        var sourceUrl = (target as Clip)?.MediaReference is ExternalReference e ? e.TargetUrl : null;
        foreach (var other in stack.Children.OfType<Track>())
        {
            if (ReferenceEquals(other, track))
            {
                continue;
            }

            var splitIndex = SplitAt(other, atTime);
            if (splitIndex < 0)
            {
                continue; // the other track ends before the insertion point: nothing to keep in sync
            }

            Composable filler = new Gap { SourceRange = new TimeRange(new RationalTime(0, duration.Rate), duration) };
            var linked = other.Kind == Track.AudioKind && sourceUrl is not null && LinkedAt(other, splitIndex, insert.Position, sourceUrl);
            if (linked)
            {
                var audio = NewClip(insert.ClipName, output, target);
                filler = audio;
            }

            other.Children.Insert(splitIndex, filler);
        }
    }

    private static bool LinkedAt(Track track, int splitIndex, InsertPosition position, string sourceUrl)
    {
        var neighbour = position == InsertPosition.After ? splitIndex - 1 : splitIndex;
        return neighbour >= 0 && neighbour < track.Children.Count && track.Children[neighbour] is Clip c
            && c.MediaReference is ExternalReference r && r.TargetUrl == sourceUrl;
    }

    /// <summary>
    /// Makes an edit point at track time <paramref name="time"/> (splitting a clip or gap that spans it) and returns
    /// the index of the first item starting at or after it; -1 when the track ends before the time.
    /// </summary>
    public static int SplitAt(Track track, RationalTime time)
    {
        ArgumentNullException.ThrowIfNull(track);
        for (var i = 0; i < track.Children.Count; i++)
        {
            if (track.Children[i] is not Item item || track.Children[i] is Transition)
            {
                continue;
            }

            var range = track.RangeOfChildAtIndex(i);
            var start = range.StartTime;
            var end = range.EndTimeExclusive();
            if (Same(start, time))
            {
                return i;
            }

            if (start < time && time < end)
            {
                var headDuration = (time - start).RescaledTo(range.Duration);
                var trimmed = item.TrimmedRange();
                var first = (Item)item.Clone();
                first.SourceRange = new TimeRange(trimmed.StartTime, headDuration.RescaledTo(trimmed.Duration));
                item.SourceRange = new TimeRange(trimmed.StartTime + headDuration.RescaledTo(trimmed.StartTime),
                    trimmed.Duration - headDuration.RescaledTo(trimmed.Duration));
                track.Children.Insert(i, first);
                return i + 1;
            }
        }

        var total = track.Children.Count == 0 ? new RationalTime(0, time.Rate) : track.RangeOfChildAtIndex(track.Children.Count - 1).EndTimeExclusive();
        return Same(total, time) ? track.Children.Count : -1;
    }

    private static bool Same(RationalTime a, RationalTime b) => Math.Abs(a.ToSeconds() - b.ToSeconds()) < 1e-9;

    private static void ConsumeForward(Track track, int index, RationalTime duration)
    {
        var remaining = duration;
        while (remaining.Value > 0 && index < track.Children.Count && track.Children[index] is Item next)
        {
            var d = next.TrimmedRange().Duration;
            if (d.ToSeconds() <= remaining.ToSeconds() + 1e-9)
            {
                track.Children.RemoveAt(index);
                remaining -= d.RescaledTo(remaining);
                continue;
            }

            var r = next.TrimmedRange();
            var cut = remaining.RescaledTo(r.Duration);
            next.SourceRange = new TimeRange(r.StartTime + cut.RescaledTo(r.StartTime), r.Duration - cut);
            remaining = new RationalTime(0, remaining.Rate);
        }
    }

    private static int ConsumeBackward(Track track, int index, RationalTime duration)
    {
        var remaining = duration;
        while (remaining.Value > 0 && index > 0 && track.Children[index - 1] is Item previous)
        {
            var r = previous.TrimmedRange();
            if (r.Duration.ToSeconds() <= remaining.ToSeconds() + 1e-9)
            {
                track.Children.RemoveAt(index - 1);
                index--;
                remaining -= r.Duration.RescaledTo(remaining);
                continue;
            }

            previous.SourceRange = new TimeRange(r.StartTime, r.Duration - remaining.RescaledTo(r.Duration));
            remaining = new RationalTime(0, remaining.Rate);
        }

        if (remaining.Value > 0)
        {
            throw new EditException($"an overwrite before the first item needs {remaining.Value} more frames than the track has; use ripple");
        }

        return index;
    }

    private static void Fill(Item target, FillGap fill, PlacedOutput output)
    {
        if (target is not Gap gap)
        {
            throw new EditException($"fill-gap needs a gap, but {target} is a {target.SchemaName}");
        }

        var track = gap.Parent as Track ?? throw new EditException($"{target} is not on a track");
        var index = track.Children.IndexOfReference(gap);
        var duration = gap.TrimmedRange().Duration;
        var clip = NewClip(fill.ClipName, output, gap);
        // The clip plays exactly the gap's duration from the start of the generated media.
        clip.SourceRange = new TimeRange(output.AvailableRange.StartTime, duration.RescaledTo(output.AvailableRange.StartTime));
        track.Children[index] = clip;
    }

    private static void Render(Clip clip, PlacedOutput output)
    {
        var block = output.Editing.DeepClone();
        var removed = new OtioList();
        foreach (var effect in clip.Effects.OfType<TimeEffect>().ToList())
        {
            removed.Add(effect.Clone());
            clip.Effects.Remove(effect);
        }

        block["removed_effects"] = removed;
        if (clip.SourceRange is { } previousRange)
        {
            var before = new OtioDictionary
            {
                ["start_frame"] = previousRange.StartTime.Value,
                ["duration_frames"] = previousRange.Duration.Value,
                ["rate"] = previousRange.Duration.Rate,
            };
            block["previous_source_range"] = before;
        }

        var reference = Reference(output);
        reference.Metadata[Namespace] = block;
        var key = NextKey(clip, "render");
        clip.AddMediaReference(key, reference);
        clip.SetActiveMediaReferenceKey(key);
        clip.SourceRange = output.AvailableRange;
    }
}
