using System.Text.Json;
using Editing.Sdk.Controls;
using static Editing.Sdk.Tests.Controls.TestJson;

namespace Editing.Sdk.Tests.Controls;

public sealed class CameraMotionParameterTests
{
    private static readonly CameraMotionParameter Camera = new("camera");

    [Fact]
    public void Camera_default_is_no_motion_written_as_an_empty_object()
    {
        Assert.Equal("{}", DefaultJson(Camera));
        AssertValid(Camera, "{}");
        Assert.True(CameraMotion.None.IsNone);
    }

    [Fact]
    public void Camera_text_reads_key_value_pairs_and_omits_zeros()
    {
        Assert.Equal("{\"pan\":0.3,\"zoom\":-0.2,\"easing\":\"ease-in-out\"}", Text(Camera, "zoom=-0.2, pan=0.3,tilt=0,easing=ease-in-out"));
        Assert.Equal("{}", Text(Camera, "none"));
        Assert.Equal("{\"roll\":1}", Text(Camera, "{\"roll\":1,\"easing\":\"linear\"}"));
        AssertValid(Camera, Text(Camera, "truck=1,pedestal=-1,easing=ease-in"));
    }

    [Fact]
    public void Camera_text_refuses_unknown_keys_bad_numbers_and_repeats()
    {
        Assert.Contains("unknown property 'dolly'", TextError(Camera, "dolly=0.5"), StringComparison.Ordinal);
        Assert.Contains("pan: 'fast' is not a number", TextError(Camera, "pan=fast"), StringComparison.Ordinal);
        Assert.Contains("'pan' is given twice", TextError(Camera, "pan=0.1,pan=0.2"), StringComparison.Ordinal);
        Assert.Contains("outside −1..1", TextError(Camera, "zoom=2"), StringComparison.Ordinal);
        Assert.Contains("is not key=value", TextError(Camera, "pan"), StringComparison.Ordinal);
        Assert.Contains("ease-in-out", TextError(Camera, "easing=smooth"), StringComparison.Ordinal);
    }

    [Fact]
    public void Camera_axes_outside_minus_one_to_one_are_errors_under_their_key()
    {
        var issues = Errors(Camera, "{\"pan\":1.5,\"zoom\":-2,\"tilt\":0.5,\"easing\":\"bounce\",\"speed\":1}");
        Assert.Equal(["camera.speed", "camera.pan", "camera.zoom", "camera.easing"], issues.Select(i => i.ParamId));
        Assert.Equal("pan 1.5 is outside −1..1", issues[1].Message);
        Assert.Contains("got an array", AssertSingleError(Camera, "[]"), StringComparison.Ordinal);
    }

    [Fact]
    public void Camera_motion_serializes_with_sdk_json_in_the_same_form()
    {
        var motion = new CameraMotion { Pan = 0.2, Tilt = -0.1, Easing = Easing.EaseOut };
        var json = JsonSerializer.Serialize(motion, SdkJson.Options);
        Assert.Equal("{\"pan\":0.2,\"tilt\":-0.1,\"easing\":\"ease-out\"}", json);
        Assert.Equal(motion, JsonSerializer.Deserialize<CameraMotion>(json, SdkJson.Options));
        Assert.Equal(CameraMotion.None, JsonSerializer.Deserialize<CameraMotion>("{}", SdkJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CameraMotion>("{\"pan\":3}", SdkJson.Options));
    }

    [Fact]
    public void Camera_motion_guards_its_intensities()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CameraMotion { Zoom = 1.01 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CameraMotion { Roll = double.NaN });
        Assert.True(new CameraMotion { Pan = -0.0, Easing = Easing.EaseIn }.IsNone);
    }
}
