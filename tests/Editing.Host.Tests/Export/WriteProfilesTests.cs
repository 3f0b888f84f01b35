using Editing.Host.Export;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Host.Tests.Export;

public sealed class WriteProfilesTests
{
    private static Timeline Cut(Action<Clip>? configure = null)
    {
        var timeline = new Timeline("cut") { Tracks = new Stack() };
        var track = new Track { Name = "V1", Kind = Track.VideoKind };
        var clip = new Clip("sh010", new ExternalReference("media/A001.mov", new TimeRange(new RationalTime(0, 24), new RationalTime(48, 24))),
            new TimeRange(new RationalTime(4, 24), new RationalTime(16, 24)));
        configure?.Invoke(clip);
        track.Children.Add(clip);
        timeline.Tracks.Children.Add(track);
        return timeline;
    }

    private static Clip FirstClip(Timeline timeline) => timeline.Tracks!.FindClips()[0];

    [Fact]
    public void Resolve_profile_adds_the_Resolve_meta_version_when_missing()
    {
        var result = WriteProfiles.Apply(Cut(), "resolve");

        var meta = Assert.IsType<OtioDictionary>(result.Metadata["Resolve_OTIO"]);
        Assert.Equal("1.0", meta["Resolve OTIO Meta Version"]);
    }

    [Fact]
    public void Resolve_profile_keeps_existing_Resolve_metadata_untouched()
    {
        var cut = Cut(c => c.Metadata["Resolve_OTIO"] = new OtioDictionary { ["Link Group ID"] = 3L });
        cut.Metadata["Resolve_OTIO"] = new OtioDictionary { ["Resolve OTIO Meta Version"] = "1.0", ["Custom"] = true };

        var result = WriteProfiles.Apply(cut, "Resolve");

        var meta = Assert.IsType<OtioDictionary>(result.Metadata["Resolve_OTIO"]);
        Assert.Equal(true, meta["Custom"]);
        Assert.Equal(3L, Assert.IsType<OtioDictionary>(FirstClip(result).Metadata["Resolve_OTIO"])["Link Group ID"]);
    }

    [Fact]
    public void Resolve_profile_keeps_only_the_active_reference_under_DEFAULT_MEDIA_and_records_the_others()
    {
        var cut = Cut(c =>
        {
            c.AddMediaReference("v002", new ExternalReference("/renders/A001_v002.mov"));
            c.SetActiveMediaReferenceKey("v002");
        });

        var clip = FirstClip(WriteProfiles.Apply(cut, "resolve"));

        Assert.Equal(Clip.DefaultMediaKey, clip.ActiveMediaReferenceKey);
        Assert.Equal([Clip.DefaultMediaKey], clip.MediaReferences.Keys);
        Assert.Equal("/renders/A001_v002.mov", Assert.IsType<ExternalReference>(clip.MediaReference).TargetUrl);
        var editing = Assert.IsType<OtioDictionary>(clip.Metadata[WriteProfiles.EditingMetadataKey]);
        var dropped = Assert.IsType<OtioDictionary>(editing["resolve_dropped_references"]);
        Assert.Equal("media/A001.mov", dropped[Clip.DefaultMediaKey]);
    }

    [Fact]
    public void Resolve_profile_writes_plain_absolute_paths_without_file_scheme()
    {
        var cut = Cut();
        FirstClip(cut).AddMediaReference("url", new ExternalReference("file:///mnt/media/A002.mov"));
        FirstClip(cut).SetActiveMediaReferenceKey("url");
        var relative = Cut();

        var fromUrl = FirstClip(WriteProfiles.Apply(cut, "resolve", "/projects/show"));
        var fromRelative = FirstClip(WriteProfiles.Apply(relative, "resolve", "/projects/show"));

        Assert.Equal("/mnt/media/A002.mov", ((ExternalReference)fromUrl.MediaReference!).TargetUrl);
        Assert.Equal("/projects/show/media/A001.mov", ((ExternalReference)fromRelative.MediaReference!).TargetUrl);
    }

    [Fact]
    public void Resolve_profile_sets_a_missing_global_start_at_the_clip_rate_and_keeps_a_present_one()
    {
        var missing = WriteProfiles.Apply(Cut(), "resolve");
        var present = Cut();
        present.GlobalStartTime = new RationalTime(86400, 24);

        Assert.Equal(new RationalTime(0, 24), missing.GlobalStartTime);
        Assert.Equal(new RationalTime(86400, 24), WriteProfiles.Apply(present, "resolve").GlobalStartTime);
    }

    [Fact]
    public void Resolve_profile_leaves_the_input_timeline_unchanged()
    {
        var cut = Cut(c =>
        {
            c.AddMediaReference("v002", new ExternalReference("/renders/A001_v002.mov"));
            c.SetActiveMediaReferenceKey("v002");
        });
        var before = OtioJson.WriteString(cut);

        WriteProfiles.Apply(cut, "resolve", "/projects/show");

        Assert.Equal(before, OtioJson.WriteString(cut));
    }

    [Fact]
    public void Resolve_profile_output_is_written_with_Clip_2_and_DEFAULT_MEDIA()
    {
        var text = OtioJson.WriteString(WriteProfiles.Apply(Cut(), "resolve", "/projects/show"));

        Assert.Contains("\"OTIO_SCHEMA\": \"Clip.2\"", text, StringComparison.Ordinal);
        Assert.Contains("\"active_media_reference_key\": \"DEFAULT_MEDIA\"", text, StringComparison.Ordinal);
        Assert.Contains("\"target_url\": \"/projects/show/media/A001.mov\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_profile_is_refused_naming_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => WriteProfiles.Apply(Cut(), "premiere"));

        Assert.Contains("'premiere'", e.Message, StringComparison.Ordinal);
        Assert.Contains("resolve", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resolve", true)]
    [InlineData(" RESOLVE ", true)]
    [InlineData("0.18", false)]
    [InlineData(null, false)]
    public void IsProfile_tells_profiles_from_schema_targets(string? target, bool expected) =>
        Assert.Equal(expected, WriteProfiles.IsProfile(target));
}
