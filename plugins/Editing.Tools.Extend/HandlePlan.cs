using Editing.Sdk.Controls;
using Editing.Sdk.Tools;
using Editing.Tools.Shared;

namespace Editing.Tools.Extend;

/// <summary>
/// What <see cref="HandlesTool"/> makes for a clip, in frames at the clip's rate. Worked example: a clip using media
/// frames 86410..86433 (source range start 86410, 24 frames) of a 48-frame file starting at 86400 (10 frames of head
/// handle, 14 of tail), after a transition with in_offset 12: needed head 12, existing 10, generated 2; the output is
/// 2 generated frames then the file's 48 real ones, 50 frames covering media time 86398..86447, so its start timecode
/// is frame 86398 and the clip's source range (86410, 24 frames) lies inside it.
/// </summary>
internal sealed record HandlePlan
{
    /// <summary>First real file frame in the output (used start − real head handle).</summary>
    public long RealFirst { get; init; }

    /// <summary>Real frames in the output: real head handle + used frames + real tail handle.</summary>
    public long RealCount { get; init; }

    /// <summary>Existing head handle frames actually in the file.</summary>
    public long RealHead { get; init; }

    /// <summary>Existing tail handle frames actually in the file.</summary>
    public long RealTail { get; init; }

    /// <summary>Frames to generate before the real ones.</summary>
    public long GeneratedHead { get; init; }

    /// <summary>Frames to generate after the real ones.</summary>
    public long GeneratedTail { get; init; }

    /// <summary>Media time (frames at the clip's rate) of the output's first frame: its start timecode.</summary>
    public long OutputStartFrame { get; init; }

    /// <summary>Errors and warnings found while planning.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; init; } = [];

    /// <summary>Plans the handles for a clip whose media exists.</summary>
    public static HandlePlan Make(ClipContext clip, ControlValues values)
    {
        var rate = clip.Rate;
        var issues = new List<ValidationIssue>();
        var (first, used) = ClipFacts.UsedFileFrames(clip);

        // Existing handles as the timeline states them, limited to the frames the file really has (an available range
        // can claim more than the file holds).
        var fileFrames = ClipFacts.FileFrameCount(clip);
        var realHead = Math.Clamp(SourceTimecode.Frames(clip.HeadHandle, rate), 0, Math.Max(0, first));
        var realTail = Math.Max(0, SourceTimecode.Frames(clip.TailHandle, rate));
        if (fileFrames is { } n)
        {
            realTail = Math.Min(realTail, Math.Max(0, n - (first + used)));
        }

        var explicitHead = values.TryGetInt64("head_frames", out var headFrames);
        var explicitTail = values.TryGetInt64("tail_frames", out var tailFrames);
        var transitionBefore = clip.Previous is { Kind: ItemKind.Transition, TransitionInOffset: { } inOffset } ? SourceTimecode.Frames(inOffset, rate) : (long?)null;
        var transitionAfter = clip.Next is { Kind: ItemKind.Transition, TransitionOutOffset: { } outOffset } ? SourceTimecode.Frames(outOffset, rate) : (long?)null;
        var neededHead = explicitHead ? headFrames : transitionBefore ?? 0;
        var neededTail = explicitTail ? tailFrames : transitionAfter ?? 0;
        var missingHead = Math.Max(0, neededHead - realHead);
        var missingTail = Math.Max(0, neededTail - realTail);

        // The output's timecode cannot start before 00:00:00:00: generate only the head frames that fit.
        var usedStart = SourceTimecode.Frames(clip.SourceRange.StartTime, rate);
        var roomBefore = Math.Max(0, usedStart - realHead);
        var generatedHead = Math.Min(missingHead, roomBefore);
        if (generatedHead < missingHead)
        {
            issues.Add(ValidationIssue.Warning("head_frames",
                $"only {generatedHead} of the {missingHead} missing head frames fit before timecode 00:00:00:00; the head handle will be {realHead + generatedHead} frames"));
        }

        if (generatedHead == 0 && missingTail == 0)
        {
            var why = !explicitHead && !explicitTail && transitionBefore is null && transitionAfter is null
                ? "no transition touches it (set head_frames or tail_frames to ask for longer handles)"
                : $"head {realHead} frames (needs {neededHead}), tail {realTail} frames (needs {neededTail})";
            issues.Add(ValidationIssue.Error("", $"{ClipFacts.Describe(clip)} has enough handles: {why}"));
        }

        return new HandlePlan
        {
            RealFirst = first - realHead,
            RealCount = realHead + used + realTail,
            RealHead = realHead,
            RealTail = realTail,
            GeneratedHead = generatedHead,
            GeneratedTail = missingTail,
            OutputStartFrame = usedStart - realHead - generatedHead,
            Issues = issues,
        };
    }
}
