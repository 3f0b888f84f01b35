namespace Editing.Host.Providers;

/// <summary>
/// The named fallbacks an editor may allow (<c>editing apply --fallback NAME</c>) when the chosen model cannot do what
/// a tool asks. Without one, such a request is refused at validation, before any generation.
/// </summary>
public static class GenerationFallback
{
    /// <summary>Drop the last frame a model cannot end on (the clip starts on its first frame and ends freely).</summary>
    public const string FirstFrameOnly = "first-frame-only";

    /// <summary>Do an extension a model cannot do as image-to-video from the edge frame (the source video is dropped).</summary>
    public const string ImageToVideo = "image-to-video";

    /// <summary>Drop all conditioning a model cannot take and generate from the prompt alone.</summary>
    public const string TextToVideo = "text-to-video";

    /// <summary>Every name, in the order they are tried.</summary>
    public static IReadOnlyList<string> All { get; } = [ImageToVideo, FirstFrameOnly, TextToVideo];

    /// <summary>True when <paramref name="name"/> is one of <see cref="All"/> (case-sensitive, kebab-case).</summary>
    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
