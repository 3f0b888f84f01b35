using System.Globalization;
using System.Text.RegularExpressions;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;

namespace Editing.Providers.Previs;

/// <summary>
/// Everything previs-1 checks before any work, reported together: the shape (even size up to 8K, positive rate and
/// count), the inputs each mode needs (and that their files exist), strength and slate timecode; and, as warnings,
/// settings it ignores.
/// </summary>
internal static partial class RequestValidator
{
    public static IReadOnlyList<ValidationIssue> Validate(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var issues = new List<ValidationIssue>();
        if (request.ModelId is { } model && model != PrevisModel.ModelId)
        {
            issues.Add(ValidationIssue.Error("model_id", $"unknown model '{model}'; {PrevisModel.ProviderId} has only {PrevisModel.ModelId}"));
        }

        CheckShape(request, issues);
        CheckInputs(request, issues);
        if (request.Strength is { } strength && !(strength is >= 0 and <= 1))
        {
            issues.Add(ValidationIssue.Error("strength", $"{Format(strength)} is outside 0..1"));
        }

        if (request.Slate?.StartTimecode is { } timecode && TimecodeProblem(timecode, request.Rate) is { } problem)
        {
            issues.Add(ValidationIssue.Error("slate.start_timecode", problem));
        }

        if (request.NegativePrompt.Trim().Length > 0)
        {
            issues.Add(ValidationIssue.Warning("negative_prompt", "previs-1 ignores negative prompts"));
        }

        if (request.CameraMotion is { IsNone: false }
            && (request.Mode != GenerationMode.ImageToVideo || (request.FirstFrame is not null && request.LastFrame is not null)))
        {
            issues.Add(ValidationIssue.Warning("camera_motion", request.Mode == GenerationMode.ImageToVideo
                ? "camera motion is ignored when both a first and a last frame are given (the clip interpolates between them)"
                : $"camera motion is only used for image-to-video, not {Kebab(request.Mode)}"));
        }

        return issues;
    }

    private static void CheckShape(GenerationRequest request, List<ValidationIssue> issues)
    {
        var (width, height) = (request.Size.Width, request.Size.Height);
        if (width <= 0 || height <= 0)
        {
            issues.Add(ValidationIssue.Error("size", $"the size {request.Size} is not positive"));
        }
        else if (width % 2 != 0 || height % 2 != 0)
        {
            issues.Add(ValidationIssue.Error("size", $"width and height must be even (the output is 4:2:2), got {request.Size}"));
        }
        else if (width > PrevisModel.MaxDimension || height > PrevisModel.MaxDimension)
        {
            issues.Add(ValidationIssue.Error("size", $"{request.Size} is larger than {PrevisModel.MaxDimension} pixels on a side"));
        }

        if (request.Rate.Numerator <= 0 || request.Rate.Denominator <= 0)
        {
            issues.Add(ValidationIssue.Error("rate", $"the rate {request.Rate} is not positive"));
        }

        if (request.FrameCount < 1)
        {
            issues.Add(ValidationIssue.Error("frame_count", $"at least one frame is needed, got {request.FrameCount}"));
        }
    }

    private static void CheckInputs(GenerationRequest request, List<ValidationIssue> issues)
    {
        var mode = Kebab(request.Mode);
        switch (request.Mode)
        {
            case GenerationMode.ImageToVideo:
                if (request.FirstFrame is null && request.LastFrame is null)
                {
                    issues.Add(ValidationIssue.Error("first_frame", "image-to-video needs a first frame, a last frame or both"));
                }

                break;
            case GenerationMode.VideoToVideo:
                RequireSource(request, mode, issues);
                break;
            case GenerationMode.Extension or GenerationMode.Interpolation or GenerationMode.Upscale:
                RequireSource(request, mode, issues);
                break;
        }

        CheckFile("first_frame", request.FirstFrame, issues);
        CheckFile("last_frame", request.LastFrame, issues);
        CheckFile("source", request.Source?.Path, issues);
        for (var i = 0; i < request.References.Count; i++)
        {
            CheckFile(string.Create(CultureInfo.InvariantCulture, $"references[{i}]"), request.References[i]?.Path, issues);
        }
    }

    private static void RequireSource(GenerationRequest request, string mode, List<ValidationIssue> issues)
    {
        if (request.Source is not { } source)
        {
            issues.Add(ValidationIssue.Error("source", $"{mode} needs a source video"));
            return;
        }

        if (source.FirstFrame < 0)
        {
            issues.Add(ValidationIssue.Error("source.first_frame", $"the first frame {source.FirstFrame} is negative"));
        }

        if (source.FrameCount < 1)
        {
            issues.Add(ValidationIssue.Error("source.frame_count", $"the source range needs at least one frame, got {source.FrameCount}"));
        }
    }

    private static void CheckFile(string paramId, string? path, List<ValidationIssue> issues)
    {
        if (path is null)
        {
            return;
        }

        if (path.Trim().Length == 0)
        {
            issues.Add(ValidationIssue.Error(paramId, "the path is empty"));
        }
        else if (!File.Exists(path))
        {
            issues.Add(ValidationIssue.Error(paramId, $"'{path}' does not exist"));
        }
    }

    /// <summary>Why <paramref name="timecode"/> cannot start a clip at <paramref name="rate"/>, or null.</summary>
    private static string? TimecodeProblem(string timecode, Editing.Sdk.Media.VideoRate rate)
    {
        var match = TimecodePattern().Match(timecode);
        if (!match.Success)
        {
            return $"'{timecode}' is not a timecode (HH:MM:SS:FF, or HH:MM:SS;FF for drop-frame)";
        }

        if (rate.Numerator <= 0 || rate.Denominator <= 0)
        {
            return null;
        }

        var timecodeBase = (int)(((long)rate.Numerator + rate.Denominator - 1) / rate.Denominator);
        var parts = Enumerable.Range(1, 4).Select(g => int.Parse(match.Groups[g].Value, CultureInfo.InvariantCulture)).ToArray();
        if (parts[0] > 23 || parts[1] > 59 || parts[2] > 59 || parts[3] >= timecodeBase)
        {
            return $"'{timecode}' is not a valid timecode at {rate} fps";
        }

        var dropFrameRate = rate.Denominator == 1001 && rate.Numerator is 30000 or 60000;
        return timecode[8] == ';' && !dropFrameRate ? $"'{timecode}' is drop-frame, which exists only at 30000/1001 and 60000/1001, not {rate}" : null;
    }

    private static string Kebab(GenerationMode mode) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(mode.ToString());

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d{2}):(\d{2}):(\d{2})[:;](\d{2})$")]
    private static partial Regex TimecodePattern();
}
