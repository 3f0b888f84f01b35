using Editing.Sdk.Controls;
using Editing.Sdk.Tools;

namespace Editing.Tools.Shared;

/// <summary>What the tools need to know about a target beyond <see cref="ClipContext"/>'s fields, and the checks they
/// share. File frames are 0-based indexes at the media file's own rate (<see cref="ClipMedia.FileFrameOf"/>).</summary>
internal static class ClipFacts
{
    /// <summary>True when the clip has an active media file that exists.</summary>
    public static bool HasMedia(ClipContext clip) => clip.Media is { Exists: true };

    /// <summary>The used range (source range) in file frames: first frame and count. Requires <see cref="ClipContext.Media"/>.</summary>
    public static (long First, long Count) UsedFileFrames(ClipContext clip)
    {
        var media = clip.Media ?? throw new InvalidOperationException($"clip '{clip.Name}' has no media");
        var first = media.FileFrameOf(clip.SourceRange.StartTime);
        var end = media.FileFrameOf(clip.SourceRange.EndTimeExclusive());
        return (first, Math.Max(0, end - first));
    }

    /// <summary>Frames in the media file, or null when the probe did not say.</summary>
    public static long? FileFrameCount(ClipContext clip) => clip.Media?.Description is { FrameCount: > 0 } d ? d.FrameCount : null;

    /// <summary>True when the active media has an audio stream.</summary>
    public static bool HasAudio(ClipContext clip) => HasMedia(clip) && clip.Media!.Description?.AudioSampleRate is > 0;

    /// <summary>How the item is named in messages: <c>clip 'sh010' (tracks.children[0].children[3])</c>.</summary>
    public static string Describe(ClipContext clip) =>
        $"{Kebab(clip.Kind)} '{clip.Name}' ({clip.ItemPath})";

    /// <summary>The error for an item kind the tool does not accept (empty when it accepts it).</summary>
    public static IEnumerable<ValidationIssue> CheckKind(ClipContext clip, ToolDescriptor descriptor)
    {
        if (!descriptor.Targets.Contains(clip.Kind))
        {
            var accepted = string.Join(" or ", descriptor.Targets.Select(k => Kebab(k) + "s"));
            yield return ValidationIssue.Error("", $"{descriptor.Id} works on {accepted}; {Describe(clip)} is a {Kebab(clip.Kind)}");
        }
    }

    /// <summary>The problem with the clip's media, or null when it exists.</summary>
    public static string? MediaProblem(ClipContext clip) => clip.Media switch
    {
        null => $"{Describe(clip)} has no media file",
        { Exists: false } m => $"the media of {Describe(clip)} is missing: {m.Path}",
        _ => null,
    };

    /// <summary><c>clip</c>, <c>gap</c>, <c>transition</c>, <c>stack</c>.</summary>
    public static string Kebab(ItemKind kind) => kind.ToString().ToLowerInvariant();
}
