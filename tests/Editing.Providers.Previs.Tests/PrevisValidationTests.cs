using Editing.Host.Media;
using Editing.Providers.Previs.Tests.Support;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Previs.Tests;

/// <summary>What previs-1 declares and refuses, before any work.</summary>
public sealed class PrevisValidationTests
{
    private static readonly PrevisProvider Provider = new();

    private static GenerationRequest Request(GenerationMode mode) => new()
    {
        Mode = mode,
        Size = new PixelSize(320, 180),
        Rate = new VideoRate(24000, 1001),
        FrameCount = 24,
    };

    [Fact]
    public void Descriptor_declares_one_deterministic_synthetic_model_with_every_mode()
    {
        var descriptor = Provider.Descriptor;

        Assert.Equal("editing.previs", descriptor.Id);
        Assert.Equal("1.0.0", descriptor.Version.ToString());
        Assert.False(descriptor.Remote);
        var model = Assert.Single(descriptor.Models);
        Assert.Equal("previs-1", model.ModelId);
        Assert.Equal(Enum.GetValues<GenerationMode>().Order(), model.Modes.Order());
        Assert.True(model.DeterministicSeed);
        Assert.True(model.SupportsFirstFrame);
        Assert.True(model.SupportsLastFrame);
        Assert.True(model.SupportsCameraMotion);
        Assert.False(model.SupportsNegativePrompt);
        Assert.Equal(2, model.SizeMultiple);
        Assert.Equal(FrameCountGrid.Any, model.FrameGrid);
        Assert.Empty(model.NativeSizes);
        Assert.Empty(model.NativeRates);
        Assert.Equal(new TrainingDataDeclaration("synthetic", "procedural, no training data"), model.TrainingData);
    }

    [Fact]
    public void A_valid_text_to_video_request_has_no_issues()
    {
        Assert.Empty(Provider.Validate(Request(GenerationMode.TextToVideo) with { Prompt = "a wide shot" }));
    }

    [Fact]
    public void Validate_lists_every_problem_at_once()
    {
        var request = Request(GenerationMode.Extension) with
        {
            Size = new PixelSize(321, 180),
            FrameCount = 0,
            Rate = new VideoRate(0, 1),
            Strength = 1.5,
            ModelId = "previs-9",
            Slate = new SlateInfo("A001", "1:00:00:00"),
            NegativePrompt = "blur",
        };

        var issues = Provider.Validate(request);

        var errors = issues.Where(i => i.Severity == ValidationSeverity.Error).Select(i => i.ParamId).Order().ToList();
        Assert.Equal(["frame_count", "model_id", "rate", "size", "slate.start_timecode", "source", "strength"], errors);
        Assert.Contains(issues, i => i is { Severity: ValidationSeverity.Warning, ParamId: "negative_prompt" });
        Assert.Contains("even", issues.Single(i => i.ParamId == "size").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GenerationMode.Extension, "source")]
    [InlineData(GenerationMode.Interpolation, "source")]
    [InlineData(GenerationMode.Upscale, "source")]
    [InlineData(GenerationMode.ImageToVideo, "first_frame")]
    public void Each_mode_needs_its_inputs(GenerationMode mode, string paramId)
    {
        var issue = Assert.Single(Provider.Validate(Request(mode)));

        Assert.Equal(ValidationSeverity.Error, issue.Severity);
        Assert.Equal(paramId, issue.ParamId);
    }

    [Fact]
    public void Restyle_needs_a_source_and_files_must_exist_but_a_reference_is_optional()
    {
        var request = Request(GenerationMode.VideoToVideo) with
        {
            FirstFrame = "/nonexistent/first.png",
            Slate = new SlateInfo("A001", "01:00:00;00"),
        };

        var ids = Provider.Validate(request).Where(i => i.Severity == ValidationSeverity.Error).Select(i => i.ParamId).Order().ToList();

        // Without a reference image the previs restyle grades by seed and prompt.
        Assert.Equal(["first_frame", "slate.start_timecode", "source"], ids);
    }

    [Fact]
    public void Camera_motion_outside_image_to_video_is_a_warning()
    {
        var issue = Assert.Single(Provider.Validate(Request(GenerationMode.TextToVideo) with { CameraMotion = new CameraMotion { Pan = 0.5 } }));

        Assert.Equal(ValidationSeverity.Warning, issue.Severity);
        Assert.Equal("camera_motion", issue.ParamId);
    }

    [Fact]
    public async Task Generate_refuses_an_invalid_request_before_any_work()
    {
        using var folder = new TestFolder();
        var context = new TestProviderContext(new HostMediaServices(), folder.Path);

        var error = await Assert.ThrowsAsync<PluginException>(() =>
            Provider.GenerateAsync(Request(GenerationMode.Upscale) with { Size = new PixelSize(99, 99) }, context, CancellationToken.None));

        Assert.Equal("INVALID_REQUEST", error.Code);
        Assert.Contains("source", error.Message, StringComparison.Ordinal);
        Assert.Contains("size", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        Assert.Empty(context.Progress);
    }
}
