using Editing.Host.Providers;
using Editing.Otio.OpenTime;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Host.Tests.Providers;

public sealed class CapabilityNegotiatorTests
{
    private static readonly ModelCapabilities Wan = new()
    {
        ModelId = "wan2.2-i2v",
        Modes = [GenerationMode.ImageToVideo, GenerationMode.TextToVideo],
        NativeSizes = [new PixelSize(832, 480), new PixelSize(480, 832), new PixelSize(1280, 720)],
        NativeRates = [new VideoRate(16, 1)],
        SizeMultiple = 16,
        FrameGrid = new FrameCountGrid(4, 1),
        MaxDuration = new RationalTime(10, 1),
        SupportsFirstFrame = true,
        SupportsLastFrame = false,
    };

    private static readonly ModelCapabilities Ltx = new()
    {
        ModelId = "ltxv",
        Modes = [GenerationMode.ImageToVideo, GenerationMode.Extension],
        NativeRates = [new VideoRate(24, 1), new VideoRate(25, 1), new VideoRate(30, 1)],
        SizeMultiple = 32,
        FrameGrid = new FrameCountGrid(8, 1),
        SupportsFirstFrame = true,
        SupportsLastFrame = true,
    };

    private static GenerationRequest Request(GenerationMode mode, int frames = 48) => new()
    {
        Mode = mode,
        Size = new PixelSize(1920, 1080),
        Rate = new VideoRate(24, 1),
        FrameCount = frames,
        FirstFrame = "/tmp/first.png",
    };

    [Fact]
    public void Frame_count_covers_the_duration_at_the_native_rate_rounded_up_to_the_grid()
    {
        // 48 frames at 24 fps = 2 s = 32 frames at 16 fps, up to 4n+1 = 33.
        Assert.Equal(33, CapabilityNegotiator.PickFrameCount(Wan, 48, new VideoRate(24, 1), new VideoRate(16, 1)));
        // 49 at 24 fps on 8n+1 at 24 fps = 49 exactly; 50 → 57.
        Assert.Equal(49, CapabilityNegotiator.PickFrameCount(Ltx, 49, new VideoRate(24, 1), new VideoRate(24, 1)));
        Assert.Equal(57, CapabilityNegotiator.PickFrameCount(Ltx, 50, new VideoRate(24, 1), new VideoRate(24, 1)));
        // 23.976 → 24: 48 frames of 1001/24000 s = 2.002 s → 48.048 → 49 → 8n+1 = 49.
        Assert.Equal(49, CapabilityNegotiator.PickFrameCount(Ltx, 48, new VideoRate(24000, 1001), new VideoRate(24, 1)));
    }

    [Fact]
    public void Size_is_the_native_size_nearest_the_timeline_aspect_or_the_timeline_size_rounded_to_the_multiple()
    {
        Assert.Equal(new PixelSize(1280, 720), CapabilityNegotiator.PickSize(Wan, new PixelSize(1920, 1080)));
        Assert.Equal(new PixelSize(480, 832), CapabilityNegotiator.PickSize(Wan, new PixelSize(1080, 1920)));
        Assert.Equal(new PixelSize(992, 576), CapabilityNegotiator.PickSize(Ltx, new PixelSize(1000, 562)));
        Assert.Equal(new PixelSize(320, 192), CapabilityNegotiator.PickSize(Ltx, new PixelSize(320, 180)));
    }

    [Fact]
    public void Rate_is_a_native_rate_and_the_timeline_rate_when_the_model_has_it()
    {
        Assert.Equal(new VideoRate(16, 1), CapabilityNegotiator.PickRate(Wan, new VideoRate(24, 1)));
        Assert.Equal(new VideoRate(25, 1), CapabilityNegotiator.PickRate(Ltx, new VideoRate(25, 1)));
        Assert.Equal(new VideoRate(24, 1), CapabilityNegotiator.PickRate(Ltx, new VideoRate(24000, 1001)));
    }

    [Fact]
    public void Negotiated_request_uses_the_native_size_rate_and_grid()
    {
        var negotiated = CapabilityNegotiator.Negotiate(Wan, Request(GenerationMode.ImageToVideo));
        Assert.Equal((new PixelSize(1280, 720), new VideoRate(16, 1), 33), (negotiated.Size, negotiated.Rate, negotiated.FrameCount));
    }

    [Fact]
    public void A_last_frame_on_a_first_frame_only_model_is_an_error_naming_provider_model_and_capability()
    {
        var issues = CapabilityNegotiator.Check("editing.comfyui", Wan, GenerationMode.ImageToVideo, true, true, []);
        var error = Assert.Single(issues, i => i.Severity == ValidationSeverity.Error);
        Assert.Contains("provider editing.comfyui, model wan2.2-i2v cannot end on a given last frame", error.Message, StringComparison.Ordinal);
        Assert.Contains("--fallback first-frame-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void First_frame_only_fallback_turns_the_error_into_a_warning_and_drops_the_last_frame()
    {
        var issues = CapabilityNegotiator.Check("editing.comfyui", Wan, GenerationMode.ImageToVideo, true, true, [GenerationFallback.FirstFrameOnly]);
        Assert.DoesNotContain(issues, i => i.Severity == ValidationSeverity.Error);
        Assert.Contains(issues, i => i.Message.Contains("last frame is dropped", StringComparison.Ordinal));

        var (adapted, notes, errors) = CapabilityNegotiator.ApplyFallbacks("editing.comfyui", Wan,
            Request(GenerationMode.ImageToVideo) with { LastFrame = "/tmp/last.png" }, [GenerationFallback.FirstFrameOnly]);
        Assert.Empty(errors);
        Assert.Single(notes);
        Assert.Equal(("/tmp/first.png", (string?)null), (adapted.FirstFrame, adapted.LastFrame));
    }

    [Fact]
    public void An_extension_on_a_model_without_extension_mode_needs_the_image_to_video_fallback()
    {
        var refused = CapabilityNegotiator.Check("editing.comfyui", Wan, GenerationMode.Extension, true, false, []);
        Assert.Contains(refused, i => i.Severity == ValidationSeverity.Error && i.Message.Contains("cannot do extension", StringComparison.Ordinal)
            && i.Message.Contains("--fallback image-to-video", StringComparison.Ordinal));

        var request = Request(GenerationMode.Extension) with { Source = new SourceVideo("/tmp/a.mov", 0, 16) };
        var (adapted, _, errors) = CapabilityNegotiator.ApplyFallbacks("editing.comfyui", Wan, request, [GenerationFallback.ImageToVideo]);
        Assert.Empty(errors);
        Assert.Equal(GenerationMode.ImageToVideo, adapted.Mode);
        Assert.Null(adapted.Source);
        Assert.Equal("/tmp/first.png", adapted.FirstFrame);
    }

    [Fact]
    public void Text_to_video_fallback_drops_all_conditioning()
    {
        var model = Wan with { SupportsFirstFrame = false, Modes = [GenerationMode.TextToVideo] };
        var (adapted, _, errors) = CapabilityNegotiator.ApplyFallbacks("p", model, Request(GenerationMode.ImageToVideo), [GenerationFallback.TextToVideo]);
        Assert.Empty(errors);
        Assert.Equal((GenerationMode.TextToVideo, (string?)null), (adapted.Mode, adapted.FirstFrame));
    }

    [Fact]
    public void Unknown_fallback_names_and_too_long_items_are_errors()
    {
        var issues = CapabilityNegotiator.Check("p", Wan,
            new ExpectedGeneration(GenerationMode.ImageToVideo, true, false, new RationalTime(12 * 24, 24)), ["first-frame"]);
        Assert.Contains(issues, i => i.ParamId == "fallback" && i.Message.Contains("unknown fallback 'first-frame'", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.ParamId == "duration" && i.Message.Contains("at most 10 s", StringComparison.Ordinal));
    }

    [Fact]
    public void A_request_the_model_can_do_has_no_issues()
    {
        Assert.Empty(CapabilityNegotiator.Check("p", Ltx, GenerationMode.Extension, true, false, []));
        Assert.Empty(CapabilityNegotiator.Check("p", Ltx, GenerationMode.ImageToVideo, true, true, []));
    }
}
