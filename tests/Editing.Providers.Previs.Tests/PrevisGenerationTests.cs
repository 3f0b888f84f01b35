using Editing.Providers.Previs.Tests.Support;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Previs.Tests;

/// <summary>Each mode of previs-1 run in process on real media, checked by probing and by comparing pixels.</summary>
[Collection(MediaCollection.Name)]
public sealed class PrevisGenerationTests(MediaFixture media)
{
    [Fact]
    public async Task Text_to_video_is_a_storyboard_card_of_the_exact_shape_reporting_progress()
    {
        var request = media.Request(GenerationMode.TextToVideo, frames: 20) with
        {
            Prompt = "A lighthouse keeper climbs the spiral stairs at dusk, lantern swinging, rain on the windows",
            Slate = new SlateInfo("SH010", "01:00:10:00", "Reel 1"),
        };

        var (result, context) = await media.GenerateAsync(request);

        var description = await media.AssertShapeAsync(result.VideoPath, MediaFixture.Size, 20);
        Assert.Equal("01:00:10:00", description.StartTimecode);
        Assert.Equal(context.ScratchDirectory, Path.GetDirectoryName(result.VideoPath));
        Assert.Equal(("editing.previs", "previs-1", 7L), (result.ProviderId, result.ModelId, result.Seed));
        Assert.Equal("synthetic", result.TrainingData.Source);
        Assert.Equal("text-to-video", result.Metadata!.Value.GetProperty("mode").GetString());
        var fractions = context.Progress.Select(p => p.Fraction).ToList();
        Assert.Equal(fractions.Order(), fractions);
        Assert.Equal(1.0, fractions[^1]);

        // The field drifts: not a still, yet neighbouring frames are close.
        var first = await Pictures.ReadOneAsync(media.Services, result.VideoPath, 0);
        var second = await Pictures.ReadOneAsync(media.Services, result.VideoPath, 1);
        var last = await Pictures.ReadOneAsync(media.Services, result.VideoPath, 19);
        Pictures.AssertDifferent(first, last, 0.5, "the background moves over the clip");
        Assert.True(Pictures.MeanDifference(first, second) < Pictures.MeanDifference(first, last));
    }

    [Fact]
    public async Task Same_request_and_seed_give_identical_files_and_other_seeds_other_pixels()
    {
        var request = media.Request(GenerationMode.TextToVideo, frames: 6) with { Prompt = "storm over the bay" };

        var (a, _) = await media.GenerateAsync(request);
        var (b, _) = await media.GenerateAsync(request);
        var (c, _) = await media.GenerateAsync(request with { Seed = 8 });

        Assert.Equal(Pictures.Sha256(a.VideoPath), Pictures.Sha256(b.VideoPath));
        var frameA = await Pictures.ReadOneAsync(media.Services, a.VideoPath, 3);
        var frameC = await Pictures.ReadOneAsync(media.Services, c.VideoPath, 3);
        Pictures.AssertDifferent(frameA, frameC, 5, "another seed gives another card");
    }

    [Fact]
    public async Task Camera_pan_starts_on_the_first_frame_and_moves_its_content_left()
    {
        var request = media.Request(GenerationMode.ImageToVideo, frames: 12) with
        {
            FirstFrame = media.FirstStill,
            CameraMotion = new CameraMotion { Pan = 0.3 },
        };

        var (result, _) = await media.GenerateAsync(request);

        await media.AssertShapeAsync(result.VideoPath, MediaFixture.Size, 12);
        var still = await Pictures.ReadOneAsync(media.Services, media.FirstStill, 0);
        var frames = await Pictures.ReadAsync(media.Services, result.VideoPath, 0, 12);
        Pictures.AssertClose(still, frames[0], 2.5, "the first frame is the still");

        // Pan 0.3 turns 9° right: the picture moves f·tan 9° = 160 / tan 30° × tan 9° ≈ 44 pixels left by the end.
        var (dx, dy, _) = Pictures.Shift(frames[0], frames[^1], range: 60);
        Assert.InRange(dx, -52, -36);
        Assert.InRange(dy, -2, 2);
        var (halfway, _, _) = Pictures.Shift(frames[0], frames[6], range: 60);
        Assert.InRange(halfway, dx * 0.7, dx * 0.4);
    }

    [Fact]
    public async Task Last_frame_only_plays_the_move_so_it_ends_on_the_still()
    {
        var request = media.Request(GenerationMode.ImageToVideo, frames: 10) with
        {
            LastFrame = media.LastStill,
            CameraMotion = new CameraMotion { Truck = 0.1, Zoom = 0.2, Easing = Easing.EaseOut },
        };

        var (result, _) = await media.GenerateAsync(request);

        await media.AssertShapeAsync(result.VideoPath, MediaFixture.Size, 10);
        var still = await Pictures.ReadOneAsync(media.Services, media.LastStill, 0);
        var first = await Pictures.ReadOneAsync(media.Services, result.VideoPath, 0);
        var last = await Pictures.ReadOneAsync(media.Services, result.VideoPath, 9);
        Pictures.AssertClose(still, last, 2.5, "the last frame is the still");
        Pictures.AssertDifferent(still, first, 10, "the clip starts elsewhere");
    }

    [Fact]
    public async Task Without_camera_motion_a_still_gets_a_gentle_push_in_not_a_freeze()
    {
        var (result, _) = await media.GenerateAsync(media.Request(GenerationMode.ImageToVideo, frames: 8) with { FirstFrame = media.FirstStill });

        var first = await Pictures.ReadOneAsync(media.Services, result.VideoPath, 0);
        var last = await Pictures.ReadOneAsync(media.Services, result.VideoPath, 7);
        Pictures.AssertDifferent(first, last, 5, "first vs last");
        Assert.True(result.Metadata!.Value.GetProperty("default_motion").GetBoolean());
    }

    [Fact]
    public async Task First_and_last_frames_are_the_endpoints_of_the_transition()
    {
        var request = media.Request(GenerationMode.ImageToVideo, frames: 9) with { FirstFrame = media.FirstStill, LastFrame = media.LastStill };

        var (result, _) = await media.GenerateAsync(request);

        await media.AssertShapeAsync(result.VideoPath, MediaFixture.Size, 9);
        var firstStill = await Pictures.ReadOneAsync(media.Services, media.FirstStill, 0);
        var lastStill = await Pictures.ReadOneAsync(media.Services, media.LastStill, 0);
        var first = await Pictures.ReadOneAsync(media.Services, result.VideoPath, 0);
        var middle = await Pictures.ReadOneAsync(media.Services, result.VideoPath, 4);
        var last = await Pictures.ReadOneAsync(media.Services, result.VideoPath, 8);
        Pictures.AssertClose(firstStill, first, 3, "firstStill vs first");
        Pictures.AssertClose(lastStill, last, 3, "lastStill vs last");
        Assert.True(Pictures.MeanDifference(firstStill, middle) > 3 && Pictures.MeanDifference(lastStill, middle) > 3, "the middle is in between");
    }

    [Fact]
    public async Task Extension_forward_continues_the_pan_of_the_source()
    {
        var request = media.Request(GenerationMode.Extension, frames: 12) with
        {
            Source = new SourceVideo(media.Pan, 0, MediaFixture.PanFrames),
            Direction = ExtensionDirection.Forward,
        };

        var (result, _) = await media.GenerateAsync(request);

        await media.AssertShapeAsync(result.VideoPath, MediaFixture.Size, 12);
        Assert.InRange(result.Metadata!.Value.GetProperty("motion_dx").GetDouble(), -3.5, -2.5);
        Assert.InRange(result.Metadata!.Value.GetProperty("motion_dy").GetDouble(), -0.5, 0.5);
        var lastSource = await Pictures.ReadOneAsync(media.Services, media.Pan, MediaFixture.PanFrames - 1);
        var frames = await Pictures.ReadAsync(media.Services, result.VideoPath, 0, 12);
        var (dx, dy, _) = Pictures.Shift(lastSource, frames[0]);
        Assert.Equal((-3, 0), (dx, dy));
        var (later, _, _) = Pictures.Shift(frames[0], frames[6]);
        Assert.InRange(later, -18, -8);
    }

    [Fact]
    public async Task Extension_backward_plays_forwards_and_leads_into_the_first_source_frame()
    {
        var request = media.Request(GenerationMode.Extension, frames: 8) with
        {
            Source = new SourceVideo(media.Pan, 4, 12),
            Direction = ExtensionDirection.Backward,
        };

        var (result, _) = await media.GenerateAsync(request);

        await media.AssertShapeAsync(result.VideoPath, MediaFixture.Size, 8);
        var firstSource = await Pictures.ReadOneAsync(media.Services, media.Pan, 4);
        var frames = await Pictures.ReadAsync(media.Services, result.VideoPath, 0, 8);
        Assert.Equal((-3, 0), Take(Pictures.Shift(frames[7], firstSource)));
        Assert.Equal((-3, 0), Take(Pictures.Shift(frames[6], frames[7])));
        Assert.True(Pictures.Shift(frames[0], frames[1]).Dx is < 0 and >= -3, "the motion plays forwards, slower further from the source");
    }

    [Fact]
    public async Task Extension_of_a_still_source_holds_its_edge_frame_exactly()
    {
        var request = media.Request(GenerationMode.Extension, frames: 6) with { Source = new SourceVideo(media.Hold, 0, 12) };

        var (result, _) = await media.GenerateAsync(request);

        Assert.True(result.Metadata!.Value.GetProperty("hold").GetBoolean());
        Assert.Equal(0, result.Metadata!.Value.GetProperty("hold_grain").GetInt32());
        var source = await Pictures.ReadOneAsync(media.Services, media.Hold, 11);
        var frames = await Pictures.ReadAsync(media.Services, result.VideoPath, 0, 6);
        Assert.All(frames, f => Assert.True(Pictures.MeanDifference(source, f) < 2, "the source's last frame, through one more encode"));
        Assert.All(frames, f => Assert.Equal(frames[0].Pixels, f.Pixels));
    }

    [Fact]
    public async Task Extension_of_a_still_source_gets_faint_grain_when_the_studio_sets_hold_grain()
    {
        var request = media.Request(GenerationMode.Extension, frames: 6) with { Source = new SourceVideo(media.Hold, 0, 12) };

        var (result, _) = await media.GenerateAsync(request, settings: new Dictionary<string, string> { ["hold_grain"] = "8" });

        Assert.Equal(8, result.Metadata!.Value.GetProperty("hold_grain").GetInt32());
        var source = await Pictures.ReadOneAsync(media.Services, media.Hold, 11);
        var frames = await Pictures.ReadAsync(media.Services, result.VideoPath, 0, 6);
        Assert.All(frames, f => Assert.True(Pictures.MeanDifference(source, f) < 4, "close to the source"));
        Assert.NotEqual(frames[0].Pixels, frames[1].Pixels);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("65")]
    [InlineData("faint")]
    public async Task A_hold_grain_setting_that_is_not_a_small_whole_number_is_refused_by_name(string value)
    {
        var request = media.Request(GenerationMode.Extension, frames: 6) with { Source = new SourceVideo(media.Hold, 0, 12) };

        var e = await Assert.ThrowsAsync<PluginException>(() => media.GenerateAsync(request, settings: new Dictionary<string, string> { ["hold_grain"] = value }));

        Assert.Contains("hold_grain", e.Message, StringComparison.Ordinal);
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interpolation_retimes_the_source_range_to_the_requested_count()
    {
        var request = media.Request(GenerationMode.Interpolation, frames: 30) with { Source = new SourceVideo(media.Pan, 2, 12) };

        var (result, _) = await media.GenerateAsync(request);

        await media.AssertShapeAsync(result.VideoPath, MediaFixture.Size, 30);
        var start = await Pictures.ReadOneAsync(media.Services, media.Pan, 2);
        var first = await Pictures.ReadOneAsync(media.Services, result.VideoPath, 0);
        Pictures.AssertClose(start, first, 3, "start vs first");
    }

    [Fact]
    public async Task Restyle_moves_the_colour_towards_the_reference()
    {
        var request = media.Request(GenerationMode.VideoToVideo, frames: 12) with
        {
            Source = new SourceVideo(media.Pan, 0, 12),
            References = [new ReferenceImage(media.OrangeReference, MediaRole.Style)],
            Strength = 0.9,
        };

        var (result, _) = await media.GenerateAsync(request);

        await media.AssertShapeAsync(result.VideoPath, MediaFixture.Size, 12);
        var reference = Pictures.MeanColour(await Pictures.ReadOneAsync(media.Services, media.OrangeReference, 0));
        var source = Pictures.MeanColour(await Pictures.ReadOneAsync(media.Services, media.Pan, 5));
        var output = Pictures.MeanColour(await Pictures.ReadOneAsync(media.Services, result.VideoPath, 5));
        Assert.True(Distance(output, reference) < Distance(source, reference) * 0.4,
            $"output {output} should be near the reference {reference}, the source was {source}");
    }

    [Fact]
    public async Task Restyle_without_a_reference_grades_by_seed_and_repeats_exactly()
    {
        var request = media.Request(GenerationMode.VideoToVideo, frames: 6) with { Source = new SourceVideo(media.Pan, 0, 6), Prompt = "dusk" };

        var (a, _) = await media.GenerateAsync(request with { Seed = 1 });
        var (again, _) = await media.GenerateAsync(request with { Seed = 1 });
        var (b, _) = await media.GenerateAsync(request with { Seed = 2 });

        await media.AssertShapeAsync(a.VideoPath, MediaFixture.Size, 6);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(a.VideoPath))),
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(again.VideoPath))));
        var ca = Pictures.MeanColour(await Pictures.ReadOneAsync(media.Services, a.VideoPath, 3));
        var cb = Pictures.MeanColour(await Pictures.ReadOneAsync(media.Services, b.VideoPath, 3));
        Assert.True(Distance(ca, cb) > 1, $"seeds 1 and 2 should grade differently: {ca} vs {cb}");
    }

    [Fact]
    public async Task Upscale_reads_the_source_at_the_larger_size()
    {
        var size = new PixelSize(640, 360);
        var request = media.Request(GenerationMode.Upscale, frames: 6) with { Size = size, Source = new SourceVideo(media.Pan, 10, 6) };

        var (result, _) = await media.GenerateAsync(request);

        await media.AssertShapeAsync(result.VideoPath, size, 6);
        var source = await Pictures.ReadOneAsync(media.Services, media.Pan, 12, size);
        var output = await Pictures.ReadOneAsync(media.Services, result.VideoPath, 2);
        Pictures.AssertClose(source, output, 6, "source vs output");
    }

    [Fact]
    public async Task Cancellation_stops_within_two_seconds_and_leaves_no_output()
    {
        var request = media.Request(GenerationMode.TextToVideo, frames: 5000) with { Size = new PixelSize(1920, 1080), Prompt = "long" };
        using var cancel = new CancellationTokenSource();
        var context = new TestProviderContext(media.Services, media.NewScratch());
        var run = new PrevisProvider().GenerateAsync(request, context, cancel.Token);

        while (context.Progress.Count < 3 && !run.IsCompleted)
        {
            await Task.Delay(20);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"stopped after {watch.Elapsed}");
        Assert.Empty(Directory.GetFileSystemEntries(context.ScratchDirectory));
    }

    private static (int, int) Take((int Dx, int Dy, double Cost) shift) => (shift.Dx, shift.Dy);

    private static double Distance((double R, double G, double B) a, (double R, double G, double B) b) =>
        Math.Sqrt(Math.Pow(a.R - b.R, 2) + Math.Pow(a.G - b.G, 2) + Math.Pow(a.B - b.B, 2));
}
