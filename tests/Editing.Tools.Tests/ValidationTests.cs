using Editing.Sdk.Controls;
using Editing.Sdk.Tools;
using Editing.Tools.Tests.Support;
using static Editing.Tools.Tests.Support.Contexts;

namespace Editing.Tools.Tests;

/// <summary>
/// Contextual validation, without running anything: every problem comes back at once, with its severity and the
/// parameter it concerns. Media here is described, not real (validation never reads files).
/// </summary>
public sealed class ValidationTests
{
    private static readonly ClipMedia FakeMedia = new()
    {
        Path = "/media/A003C012.mov",
        Exists = true,
        AvailableRange = Range(TestMedia.StartFrame, TestMedia.Frames),
        Description = new Editing.Sdk.Media.MediaDescription
        {
            Path = "/media/A003C012.mov",
            Size = TestMedia.Size,
            Rate = TestMedia.Rate,
            FrameCount = TestMedia.Frames,
            StartTimecode = TestMedia.StartTimecode,
        },
    };

    private static ClipContext Clip(long first = 8, long count = 24, ClipMedia? media = null) => new()
    {
        Kind = ItemKind.Clip,
        Name = "sh010",
        ItemPath = "tracks.children[0].children[1]",
        Rate = TestMedia.Rate,
        Size = TestMedia.Size,
        RecordRange = Range(24, count),
        SourceRange = Range(TestMedia.StartFrame + first, count),
        HeadHandle = T(first),
        TailHandle = T(TestMedia.Frames - first - count),
        Media = media ?? FakeMedia,
        MediaReferenceKeys = ["DEFAULT_MEDIA", "generated_v001", "variant_v001"],
        ActiveMediaReferenceKey = "DEFAULT_MEDIA",
    };

    private static ClipMedia Missing => FakeMedia with { Exists = false };

    private static IReadOnlyList<ValidationIssue> Errors(IReadOnlyList<ValidationIssue> issues) =>
        issues.Where(i => i.Severity == ValidationSeverity.Error).ToList();

    [Fact]
    public void Fill_refuses_a_zero_length_gap_naming_it_together_with_every_other_problem()
    {
        // Given a zero-frame gap and a first frame a gap cannot have
        var tool = Support.Tools.Create("editing.fill");
        var gap = Gap(0, name: "gap3");

        // When validated
        var issues = Support.Tools.Validate(tool, gap, Support.Tools.Values("""{"first_frame": {"path": "clip:first"}}"""));

        // Then both errors come back at once
        var errors = Errors(issues);
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.ParamId == "" && e.Message.Contains("gap3", StringComparison.Ordinal) && e.Message.Contains("zero frames", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.ParamId == "first_frame");
    }

    [Fact]
    public void Fill_accepts_a_gap_and_refuses_a_clip()
    {
        var tool = Support.Tools.Create("editing.fill");

        Assert.Empty(Errors(Support.Tools.Validate(tool, Gap(12), Support.Tools.Values())));
        var error = Assert.Single(Errors(Support.Tools.Validate(tool, Clip(), Support.Tools.Values())));
        Assert.Contains("works on gaps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extend_on_a_gap_with_a_zero_duration_reports_both()
    {
        var issues = Errors(Support.Tools.Validate(Support.Tools.Create("editing.extend"), Gap(12), Support.Tools.Values("""{"duration": {"value": 0, "rate": 24}}""")));

        Assert.Equal(2, issues.Count);
        Assert.Contains(issues, i => i.ParamId == "" && i.Message.Contains("works on clips", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.ParamId == "duration");
    }

    [Fact]
    public void Extend_with_missing_media_warns_that_it_generates_from_a_slate()
    {
        var issues = Support.Tools.Validate(Support.Tools.Create("editing.extend"), Clip(media: Missing), Support.Tools.Values());

        Assert.Empty(Errors(issues));
        Assert.Contains(issues, i => i.Severity == ValidationSeverity.Warning && i.Message.Contains("slate", StringComparison.Ordinal));
    }

    [Fact]
    public void Extend_overwrite_before_a_clip_at_the_track_start_is_refused()
    {
        var clip = Clip() with { RecordRange = Range(0, 24) };

        var issue = Assert.Single(Errors(Support.Tools.Validate(Support.Tools.Create("editing.extend"), clip, Support.Tools.Values("""{"side": "head", "edit": "overwrite"}"""))));

        Assert.Equal("edit", issue.ParamId);
    }

    [Fact]
    public void Extend_warns_when_real_handle_frames_could_be_trimmed_in_instead()
    {
        // 16 frames of tail handle, 12 asked for
        var issues = Support.Tools.Validate(Support.Tools.Create("editing.extend"), Clip(), Support.Tools.Values("""{"duration": {"value": 12, "rate": 24}}"""));

        Assert.Contains(issues, i => i.Severity == ValidationSeverity.Warning && i.Message.Contains("unused frames", StringComparison.Ordinal));
    }

    [Fact]
    public void Handles_need_existing_media()
    {
        var clip = Clip(media: Missing) with { Previous = Transition(12, 12, 24) };

        var error = Assert.Single(Errors(Support.Tools.Validate(Support.Tools.Create("editing.handles"), clip, Support.Tools.Values())));

        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handles_without_a_transition_or_a_request_find_nothing_missing()
    {
        var error = Assert.Single(Errors(Support.Tools.Validate(Support.Tools.Create("editing.handles"), Clip(), Support.Tools.Values())));

        Assert.Contains("has enough handles", error.Message, StringComparison.Ordinal);
        Assert.Contains("no transition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handles_follow_otio_transition_offsets()
    {
        // A transition before the clip reaches into it by its in_offset (head); one after it by its out_offset (tail).
        // The clip has 8 frames of head handle and 16 of tail.
        var tool = Support.Tools.Create("editing.handles");
        var values = Support.Tools.Values();

        Assert.Empty(Errors(Support.Tools.Validate(tool, Clip() with { Previous = Transition(inOffset: 12, outOffset: 2, 24) }, values)));
        Assert.NotEmpty(Errors(Support.Tools.Validate(tool, Clip() with { Previous = Transition(inOffset: 8, outOffset: 30, 24) }, values)));
        Assert.Empty(Errors(Support.Tools.Validate(tool, Clip() with { Next = Transition(inOffset: 2, outOffset: 20, 48) }, values)));
        Assert.NotEmpty(Errors(Support.Tools.Validate(tool, Clip() with { Next = Transition(inOffset: 30, outOffset: 16, 48) }, values)));
    }

    [Fact]
    public void Pick_refuses_an_unknown_key_listing_the_clip_keys()
    {
        var error = Assert.Single(Errors(Support.Tools.Validate(Support.Tools.Create("editing.pick"), Clip(), Support.Tools.Values("""{"key": "variant_v009"}"""))));

        Assert.Equal("key", error.ParamId);
        Assert.Contains("DEFAULT_MEDIA, generated_v001, variant_v001", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "key")]
    [InlineData("""{"key": "variant_v001", "variant": 1}""", "variant")]
    [InlineData("""{"variant": 3}""", "variant")]
    public void Pick_needs_exactly_one_existing_choice(string values, string paramId)
    {
        var error = Assert.Single(Errors(Support.Tools.Validate(Support.Tools.Create("editing.pick"), Clip(), Support.Tools.Values(values))));

        Assert.Equal(paramId, error.ParamId);
    }

    [Fact]
    public void Pick_on_a_gap_reports_the_kind_and_the_missing_choice()
    {
        var errors = Errors(Support.Tools.Validate(Support.Tools.Create("editing.pick"), Gap(12), Support.Tools.Values()));

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Retime_without_a_speed_effect_is_refused()
    {
        var error = Assert.Single(Errors(Support.Tools.Validate(Support.Tools.Create("editing.retime"), Clip(), Support.Tools.Values())));

        Assert.Contains("has no speed effect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retime_reports_missing_media_and_missing_warp_together()
    {
        var errors = Errors(Support.Tools.Validate(Support.Tools.Create("editing.retime"), Clip(media: Missing), Support.Tools.Values()));

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Retime_warns_when_the_media_ends_before_the_speed_change_does()
    {
        // 24 frames at 3x need 72 source frames from file frame 8; the plate has 40 after it.
        var clip = Clip() with { TimeWarp = new TimeWarpInfo("LinearTimeWarp", 3) };

        var issues = Support.Tools.Validate(Support.Tools.Create("editing.retime"), clip, Support.Tools.Values());

        Assert.Empty(Errors(issues));
        Assert.Contains(issues, i => i.Severity == ValidationSeverity.Warning && i.Message.Contains("held", StringComparison.Ordinal));
    }

    [Fact]
    public void Variations_on_a_gap_ask_to_fill_first()
    {
        var error = Assert.Single(Errors(Support.Tools.Validate(Support.Tools.Create("editing.variations"), Gap(12), Support.Tools.Values())));

        Assert.Contains("fill the gap first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variations_refuse_seeds_past_the_largest()
    {
        var error = Assert.Single(Errors(Support.Tools.Validate(Support.Tools.Create("editing.variations"), Clip(), Support.Tools.Values("""{"seed": 4294967295, "count": 2}"""))));

        Assert.Equal("seed", error.ParamId);
    }

    [Fact]
    public void Replace_from_reference_needs_a_reference()
    {
        var error = Assert.Single(Errors(Support.Tools.Validate(Support.Tools.Create("editing.replace"), Clip(), Support.Tools.Values("""{"from": "reference"}"""))));

        Assert.Equal("reference", error.ParamId);
    }

    [Fact]
    public void Replace_of_a_clip_with_missing_media_warns_about_the_slate()
    {
        var issues = Support.Tools.Validate(Support.Tools.Create("editing.replace"), Clip(media: Missing), Support.Tools.Values());

        Assert.Empty(Errors(issues));
        Assert.Contains(issues, i => i.Message.Contains("slate", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("editing.extend")]
    [InlineData("editing.handles")]
    [InlineData("editing.replace")]
    [InlineData("editing.retime")]
    public void Clip_tools_refuse_gaps(string id)
    {
        var errors = Errors(Support.Tools.Validate(Support.Tools.Create(id), Gap(12), Support.Tools.Values()));

        Assert.Contains(errors, e => e.Message.Contains("works on clips", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DescriptorTests.ToolIds), MemberType = typeof(DescriptorTests))]
    public void Every_tool_refuses_a_transition(string id)
    {
        var transition = Gap(12) with { Kind = ItemKind.Transition, Name = "dissolve" };

        var errors = Errors(Support.Tools.Validate(Support.Tools.Create(id), transition, Support.Tools.Values()));

        Assert.Contains(errors, e => e.ParamId == "" && e.Message.Contains("'dissolve'", StringComparison.Ordinal) && e.Message.Contains("is a transition", StringComparison.Ordinal));
    }
}
