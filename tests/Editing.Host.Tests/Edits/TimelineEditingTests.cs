using Editing.Host.Edits;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;

namespace Editing.Host.Tests.Edits;

/// <summary>Selections and edit intents applied to a small in-memory timeline (no media needed).</summary>
public sealed class TimelineEditingTests
{
    private const double Rate = 24;

    private static RationalTime T(double frames) => new(frames, Rate);

    private static TimeRange R(double start, double duration) => new(T(start), T(duration));

    /// <summary>V1: a(0-48) b(48-72) gap(72-96) c(96-144); A1: a b gap c on the same media.</summary>
    private static Timeline Cut()
    {
        var timeline = new Timeline("t") { Tracks = new Stack() };
        foreach (var kind in new[] { Track.VideoKind, Track.AudioKind })
        {
            var track = new Track { Kind = kind, Name = kind == Track.VideoKind ? "V1" : "A1" };
            track.Children.Add(new Clip("a", new ExternalReference("media/a.mov", R(1000, 100)), R(1010, 48)));
            track.Children.Add(new Clip("b", new ExternalReference("media/b.mov", R(2000, 100)), R(2010, 24)));
            track.Children.Add(new Gap { SourceRange = R(0, 24) });
            var c = new Clip("c", new ExternalReference("media/c.mov", R(3000, 100)), R(3010, 48));
            c.Markers.Add(new Marker { Name = "REDO", MarkedRange = R(3010, 1), Color = Color.Red });
            track.Children.Add(c);
            timeline.Tracks.Children.Add(track);
        }

        return timeline;
    }

    private static PlacedOutput Output(string id, double start, double frames) =>
        new(new MediaOutput { Id = id, VideoPath = "/scratch/x.mov", FrameCount = (long)frames }, $"out.media/{id}.mov", R(start, frames), new OtioDictionary { ["tool"] = "test" });

    private static Track V1(Timeline t) => (Track)t.Tracks!.Children[0];

    private static Track A1(Timeline t) => (Track)t.Tracks!.Children[1];

    [Theory]
    [InlineData("b", new[] { "b" })]
    [InlineData("glob:*", new[] { "a", "b", "", "c" })]
    [InlineData("index:0.3", new[] { "c" })]
    [InlineData("marker:REDO", new[] { "c" })]
    [InlineData("marker-color:red", new[] { "c" })]
    [InlineData("range:50-80", new[] { "b", "" })]
    [InlineData("gaps", new[] { "" })]
    [InlineData("gap:0", new[] { "" })]
    public void Selections_match_video_items_by_name_pattern_index_marker_range_and_gap(string expression, string[] names)
    {
        var selected = TimelineSelector.Select(Cut(), [expression]);

        Assert.Equal(names, selected.Select(s => s.Item.Name).ToArray());
        Assert.All(selected, s => Assert.Equal(0, s.TrackIndex));
    }

    [Fact]
    public void Several_selections_add_up_without_duplicates_in_track_order()
    {
        var selected = TimelineSelector.Select(Cut(), ["c", "a", "glob:?"]);

        Assert.Equal(["a", "b", "c"], selected.Select(s => s.Item.Name).ToArray());
    }

    [Theory]
    [InlineData("index:0")]
    [InlineData("range:80-40")]
    [InlineData("frobnicate:x")]
    public void A_malformed_selection_is_a_usage_error_naming_the_expression(string expression)
    {
        var e = Assert.Throws<SelectionException>(() => TimelineSelector.Select(Cut(), [expression]));

        Assert.False(e.MatchedNothing);
        Assert.Contains(expression, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ripple_insert_after_moves_later_items_and_keeps_the_audio_track_in_sync()
    {
        var t = Cut();
        var a = (Item)V1(t).Children[0];

        TimelineEditor.Apply(t, a, new InsertClip { OutputId = "o", Position = InsertPosition.After, ClipName = "a ext" }, new Dictionary<string, PlacedOutput> { ["o"] = Output("o", 1058, 12) });

        Assert.Equal(["a", "a ext", "b", "", "c"], V1(t).Children.Select(c => c.Name).ToArray());
        Assert.Equal(T(60), V1(t).RangeOfChildAtIndex(2).StartTime);
        // A1 plays the same media as 'a' at the insertion point: it gets the new clip (its audio) too.
        Assert.Equal(["a", "a ext", "b", "", "c"], A1(t).Children.Select(c => c.Name).ToArray());
        Assert.Equal(V1(t).AvailableRange().Duration, A1(t).AvailableRange().Duration);
        var inserted = (Clip)V1(t).Children[1];
        Assert.Equal("a", ((OtioDictionary)inserted.Metadata["editing"]!)["source_clip"]);
        Assert.Equal(R(1058, 12), inserted.SourceRange);
    }

    [Fact]
    public void Ripple_insert_splits_an_unrelated_item_on_another_track_to_stay_in_sync()
    {
        var t = Cut();
        var other = new Track { Kind = Track.VideoKind, Name = "V2" };
        other.Children.Add(new Clip("title", new ExternalReference("media/t.mov", R(0, 200)), R(0, 100)));
        t.Tracks!.Children.Add(other);

        TimelineEditor.Apply(t, (Item)V1(t).Children[0], new InsertClip { OutputId = "o", Position = InsertPosition.After, ClipName = "x" },
            new Dictionary<string, PlacedOutput> { ["o"] = Output("o", 0, 12) });

        Assert.Equal(["title", "", "title"], other.Children.Select(c => c.Name).ToArray());
        Assert.Equal(R(0, 48), ((Item)other.Children[0]).SourceRange);
        Assert.Equal(T(12), ((Item)other.Children[1]).TrimmedRange().Duration);
        Assert.Equal(R(48, 52), ((Item)other.Children[2]).SourceRange);
    }

    [Fact]
    public void Overwrite_insert_after_consumes_the_following_items_and_keeps_the_track_length()
    {
        var t = Cut();
        var before = V1(t).AvailableRange().Duration;

        TimelineEditor.Apply(t, (Item)V1(t).Children[0], new InsertClip { OutputId = "o", Position = InsertPosition.After, Mode = InsertMode.Overwrite, ClipName = "x" },
            new Dictionary<string, PlacedOutput> { ["o"] = Output("o", 0, 30) });

        Assert.Equal(["a", "x", "", "c"], V1(t).Children.Select(c => c.Name).ToArray());
        Assert.Equal(T(18), ((Item)V1(t).Children[2]).TrimmedRange().Duration);
        Assert.Equal(before, V1(t).AvailableRange().Duration);
    }

    [Fact]
    public void Fill_gap_puts_a_clip_of_exactly_the_gap_duration_in_its_place()
    {
        var t = Cut();

        TimelineEditor.Apply(t, (Item)V1(t).Children[2], new FillGap { OutputId = "o", ClipName = "fill" }, new Dictionary<string, PlacedOutput> { ["o"] = Output("o", 0, 24) });

        var fill = Assert.IsType<Clip>(V1(t).Children[2]);
        Assert.Equal(R(0, 24), fill.SourceRange);
        Assert.IsType<Gap>(A1(t).Children[2]);
    }

    [Fact]
    public void Variants_keep_the_original_and_only_the_active_one_plays()
    {
        var t = Cut();
        var c = (Clip)V1(t).Children[3];
        var outputs = new Dictionary<string, PlacedOutput> { ["v1"] = Output("v1", 3010, 48), ["v2"] = Output("v2", 3010, 48) };

        TimelineEditor.Apply(t, c, new AddVariant { OutputId = "v1", MakeActive = true }, outputs);
        TimelineEditor.Apply(t, c, new AddVariant { OutputId = "v2" }, outputs);

        Assert.Equal([Clip.DefaultMediaKey, "variant_v001", "variant_v002"], c.MediaReferences.Keys.ToArray());
        Assert.Equal("variant_v001", c.ActiveMediaReferenceKey);
        TimelineEditor.Apply(t, c, new SetActiveMedia { ReferenceKey = Clip.DefaultMediaKey }, outputs);
        Assert.Equal(Clip.DefaultMediaKey, c.ActiveMediaReferenceKey);
    }

    [Fact]
    public void Picking_a_missing_reference_key_names_the_keys_the_clip_has()
    {
        var t = Cut();

        var e = Assert.Throws<EditException>(() => TimelineEditor.Apply(t, (Item)V1(t).Children[0], new SetActiveMedia { ReferenceKey = "nope" }, new Dictionary<string, PlacedOutput>()));

        Assert.Contains("DEFAULT_MEDIA", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_a_speed_change_removes_the_time_effect_and_remembers_it()
    {
        var t = Cut();
        var a = (Clip)V1(t).Children[0];
        a.Effects.Add(new LinearTimeWarp { TimeScalar = 2 });

        TimelineEditor.Apply(t, a, new ReplaceWithRender { OutputId = "o" }, new Dictionary<string, PlacedOutput> { ["o"] = Output("o", 0, 48) });

        Assert.Empty(a.Effects);
        Assert.Equal(R(0, 48), a.SourceRange);
        Assert.Equal("render_v001", a.ActiveMediaReferenceKey);
        var block = (OtioDictionary)a.MediaReference!.Metadata["editing"]!;
        Assert.Single((OtioList)block["removed_effects"]!);
    }
}
