using Editing.Otio.Bundles;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Cli.Tests;

/// <summary>
/// <c>editing apply</c> end to end on a cut made with ffmpeg, checked with ffprobe: exact frame counts, rates,
/// continuous timecode, sample-exact audio, untouched originals, nothing written on failure.
/// </summary>
public sealed class ApplyTests : IDisposable
{
    private readonly DirectoryInfo _dir = EditingProcess.TempDir();

    public void Dispose() => _dir.Delete(recursive: true);

    private string Temp(string name) => Path.Combine(_dir.FullName, name);

    private static Track Track(Timeline t, int index) => (Track)t.Tracks!.Children[index];

    private static string MediaPath(string timelinePath, Clip clip) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(timelinePath)!, OtioBundle.FileFromUrl(((ExternalReference)clip.MediaReference!).TargetUrl)!));

    [Fact]
    public void Extend_tail_inserts_a_clip_with_continuous_timecode_exact_frames_and_sample_exact_audio()
    {
        var cut = TestCut.Create(_dir.FullName);
        var before = TestCut.Sha256(Temp("media/A001C003.mov"));
        var cutBefore = File.ReadAllText(cut);
        var output = Temp("cut.edited.otio");

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "sh010", "--param", "side=tail", "--param", "duration=24", "-o", output);

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var edited = OtioJson.ReadFile<Timeline>(output);
        var v1 = Track(edited, 0);
        var extension = Assert.IsType<Clip>(v1.Children[1]);
        Assert.Equal("sh010 ext-tail", extension.Name);
        Assert.Equal(24, extension.TrimmedRange().Duration.Value);
        var media = MediaPath(output, extension);
        var (video, audio) = TestCut.Probe(media);
        Assert.Equal(24, TestCut.Frames(video));
        Assert.Equal("24000/1001", video.GetProperty("r_frame_rate").GetString());
        // sh010 uses 01:00:00:06 for 30 frames: its last frame is 01:00:01:11, so the extension starts at 01:00:01:12.
        Assert.Equal("01:00:01:12", TestCut.Timecode(video));
        Assert.Equal(86400 + 36, extension.TrimmedRange().StartTime.Value);
        Assert.NotNull(audio);
        Assert.Equal(24 * 2002, TestCut.AudioSamples(audio!.Value));
        Assert.True(File.Exists(media + ".provenance.json"));
        // The audio track stays in sync: the linked A1 clip got the extension too.
        var a1 = Track(edited, 1);
        Assert.Equal("sh010 ext-tail", a1.Children[1].Name);
        Assert.Equal(v1.Children.Count, a1.Children.Count);
        // Originals untouched; the input timeline unchanged; no temp files left.
        Assert.Equal(before, TestCut.Sha256(Temp("media/A001C003.mov")));
        Assert.Equal(cutBefore, File.ReadAllText(cut));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_dir.FullName, "*", SearchOption.AllDirectories), f => f.Contains(".tmp", StringComparison.Ordinal) || f.Contains(".editing-run-", StringComparison.Ordinal));
    }

    [Fact]
    public void Extend_head_starts_the_new_clip_the_extension_length_before_the_source()
    {
        var cut = TestCut.Create(_dir.FullName);
        var output = Temp("out.otio");

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "sh020", "--param", "side=head", "--param", "duration=12", "-o", output);

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var v1 = Track(OtioJson.ReadFile<Timeline>(output), 0);
        var extension = Assert.IsType<Clip>(v1.Children[1]);
        Assert.Equal("sh020", v1.Children[2].Name);
        var (video, _) = TestCut.Probe(MediaPath(output, extension));
        Assert.Equal(12, TestCut.Frames(video));
        Assert.Equal("01:59:59:18", TestCut.Timecode(video)); // 02:00:00:06 minus 12 frames
    }

    [Fact]
    public void Fill_replaces_the_gap_with_a_clip_of_exactly_the_gap_duration()
    {
        var cut = TestCut.Create(_dir.FullName);
        var output = Temp("out.otio");

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.fill", "--select", "gaps", "--param", "prompt=rain at night", "-o", output);

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var v1 = Track(OtioJson.ReadFile<Timeline>(output), 0);
        var fill = Assert.IsType<Clip>(v1.Children[2]);
        Assert.Equal(12, fill.TrimmedRange().Duration.Value);
        var (video, _) = TestCut.Probe(MediaPath(output, fill));
        Assert.Equal(12, TestCut.Frames(video));
        Assert.DoesNotContain(v1.Children, c => c is Gap);
    }

    [Fact]
    public void Variations_keep_the_original_and_every_variant_as_media_references()
    {
        var cut = TestCut.Create(_dir.FullName);
        var output = Temp("out.otio");

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.variations", "--select", "sh030", "--param", "count=3", "--param", "prompt=golden hour", "-o", output);

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var clip = (Clip)Track(OtioJson.ReadFile<Timeline>(output), 0).Children[3];
        Assert.Equal(4, clip.MediaReferences.Count);
        Assert.Contains(Clip.DefaultMediaKey, clip.MediaReferences.Keys);
        Assert.NotEqual(Clip.DefaultMediaKey, clip.ActiveMediaReferenceKey);
        var hashes = clip.MediaReferences.Where(kv => kv.Key != Clip.DefaultMediaKey)
            .Select(kv => TestCut.Sha256(Path.Combine(_dir.FullName, ((ExternalReference)kv.Value).TargetUrl))).ToHashSet();
        Assert.Equal(3, hashes.Count);
    }

    [Fact]
    public void Replace_makes_the_new_media_active_and_keeps_the_original_reference()
    {
        var cut = TestCut.Create(_dir.FullName);
        var output = Temp("out.otio");

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.replace", "--select", "index:0.0", "--param", "prompt=a storm", "-o", output);

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var clip = (Clip)Track(OtioJson.ReadFile<Timeline>(output), 0).Children[0];
        Assert.Equal(2, clip.MediaReferences.Count);
        var (video, _) = TestCut.Probe(MediaPath(output, clip));
        Assert.Equal(30, TestCut.Frames(video));
        Assert.Equal("01:00:00:06", TestCut.Timecode(video));
    }

    [Fact]
    public void A_selection_that_matches_nothing_exits_2_and_writes_nothing()
    {
        var cut = TestCut.Create(_dir.FullName);
        var output = Temp("out.otio");

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "sh999", "-o", output);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("matched no item", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(Directory.Exists(Temp("out.media")) && Directory.EnumerateFiles(Temp("out.media")).Any());
    }

    [Fact]
    public void Missing_media_names_the_clip_and_the_path_unless_allowed()
    {
        var cut = TestCut.Create(_dir.FullName);
        File.Delete(Temp("media/A002C001.mov"));
        var output = Temp("out.otio");

        var refused = EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "sh020", "-o", output);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("'sh020'", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains(Temp("media/A002C001.mov"), refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        var allowed = EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "sh020", "--allow-missing", "-o", output);
        Assert.True(allowed.ExitCode == 0, allowed.Stderr + allowed.Stdout);
    }

    [Fact]
    public void Wrong_item_kinds_and_bad_parameters_are_all_reported_at_once()
    {
        var cut = TestCut.Create(_dir.FullName);
        var output = Temp("out.otio");

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "gaps", "--select", "sh010",
            "--param", "side=middle", "--param", "bogus=1", "-o", output);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("side", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("bogus", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("not to a gap", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_zero_length_gap_and_a_selected_transition_are_refused_with_clear_messages()
    {
        var cut = TestCut.Create(_dir.FullName);
        var timeline = OtioJson.ReadFile<Timeline>(cut);
        var v1 = Track(timeline, 0);
        v1.Children.Insert(1, new Gap { SourceRange = new Editing.Otio.OpenTime.TimeRange(new(0, TestCut.Rate), new(0, TestCut.Rate)) });
        v1.Children.Insert(3, new Transition { Name = "dissolve", InOffset = new(6, TestCut.Rate), OutOffset = new(6, TestCut.Rate) });
        OtioJson.WriteFile(timeline, cut);
        var output = Temp("out.otio");

        var gap = EditingProcess.Run("apply", cut, "--tool", "editing.fill", "--select", "index:0.1", "-o", output);
        var transition = EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "index:0.3", "-o", output);

        Assert.Equal(2, gap.ExitCode);
        Assert.Contains("zero frames", gap.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, transition.ExitCode);
        Assert.Contains("not to a transition", transition.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Unreadable_media_is_a_clear_bad_input_error()
    {
        var cut = TestCut.Create(_dir.FullName);
        File.WriteAllText(Temp("media/A001C003.mov"), "this is not a movie");
        var output = Temp("out.otio");

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "sh010", "-o", output);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("A001C003.mov", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_missing_or_malformed_timeline_is_bad_input_naming_the_file_and_nothing_is_written()
    {
        var missing = Temp("nope.otio");
        var broken = Temp("broken.otio");
        File.WriteAllText(broken, "{\"OTIO_SCHEMA\": \"Timeline.1\", \"tracks\": [");
        var output = Temp("out.otio");

        var r1 = EditingProcess.Run("apply", missing, "--tool", "editing.extend", "--select", "sh010", "-o", output);
        var r2 = EditingProcess.Run("apply", broken, "--tool", "editing.extend", "--select", "sh010", "-o", output);

        Assert.Equal(2, r1.ExitCode);
        Assert.Contains("nope.otio", r1.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, r2.ExitCode);
        Assert.Contains("broken.otio:1:", r2.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(Directory.Exists(Temp("out.media")));
    }

    [Fact]
    public void Output_equal_to_input_needs_in_place()
    {
        var cut = TestCut.Create(_dir.FullName);

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "sh010", "-o", cut);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--in-place", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Extend_at_1080p_gives_exact_frames_and_timecode()
    {
        var dir = Directory.CreateDirectory(Temp("hd")).FullName;
        var cut = TestCut.Create(dir, "1920x1080", frames: 24, used: 12, gap: 6);
        var output = Path.Combine(dir, "out.otio");

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "sh010", "--param", "duration=24", "-o", output);

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var extension = (Clip)Track(OtioJson.ReadFile<Timeline>(output), 0).Children[1];
        var (video, audio) = TestCut.Probe(MediaPath(output, extension));
        Assert.Equal(24, TestCut.Frames(video));
        Assert.Equal(1920, video.GetProperty("width").GetInt32());
        Assert.Equal("prores", video.GetProperty("codec_name").GetString());
        Assert.Equal("01:00:00:18", TestCut.Timecode(video));
        Assert.Equal(24 * 2002, TestCut.AudioSamples(audio!.Value));
    }
}
