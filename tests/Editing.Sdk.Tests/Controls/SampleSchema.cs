using Editing.Otio.OpenTime;
using Editing.Sdk.Controls;

namespace Editing.Sdk.Tests.Controls;

/// <summary>A schema using every parameter type, as a generative extend tool might declare it.</summary>
internal static class SampleSchema
{
    public static ControlSchema Create() => new(
        new StringParameter("prompt") { Label = "Prompt", Role = TextRole.Prompt, MaxLength = 500, Required = true, Group = "Content" },
        new StringParameter("negative_prompt") { Role = TextRole.NegativePrompt, LengthUnit = TextLengthUnit.Words, MaxLength = 60, Default = "", Advanced = true },
        new BoolParameter("loop") { Description = "Make the last frame match the first." },
        new IntParameter("frames") { Minimum = 1, Maximum = 257, Step = 4, SoftMaximum = 121, Unit = "frames", Default = 49 },
        new FloatParameter("strength") { Minimum = 0, Maximum = 1, SoftMinimum = 0.2, Step = 0.05, Default = 0.5 },
        new EnumParameter("move")
        {
            Options = [new("static", "Static"), new("dolly-in", "Dolly in", "Toward the subject")],
            Default = "static",
        },
        new SeedParameter("seed"),
        new TimeParameter("extend") { Kind = TimeKind.Duration, Maximum = new RationalTime(10, 1), Default = new RationalTime(48, 24) },
        new ColorParameter("tint") { HasAlpha = true, Default = new ColorValue(1, 1, 1) },
        new PointParameter("focus") { Default = new PointValue(0.5, 0.5) },
        new RectParameter("crop") { CoordinateSystem = CoordinateSystem.Pixels },
        new MediaReferenceParameter("first_frame") { Kind = MediaKind.Frame, Role = MediaRole.First, Default = new(MediaReferenceValue.ClipLast) },
        new CameraMotionParameter("camera") { Group = "Camera" },
        new KeyframedParameter("motion_strength", new FloatParameter("v") { Minimum = 0, Maximum = 1, Default = 0.3 }) { Interpolation = KeyframeInterpolation.Smooth },
        new ArrayParameter("references", new MediaReferenceParameter("r") { Kind = MediaKind.Image, Role = MediaRole.Style, Extensions = [".png", ".jpg"] }) { MaxItems = 4 });
}
