namespace Editing.Providers.ComfyUI.Templates;

/// <summary>
/// The parameters a workflow template takes, each bound to every node whose <c>_meta.title</c> holds the token
/// <c>editing.NAME</c> (a title may hold several, separated by spaces: <c>editing.width editing.height
/// editing.frames</c>). The value goes into the node's first input named in <see cref="Inputs"/>, or into the input
/// the token names after a colon (<c>editing.fps:frame_rate</c>).
/// </summary>
internal static class Binding
{
    public const string Prefix = "editing.";
    public const string Prompt = "prompt";
    public const string NegativePrompt = "negative_prompt";
    public const string Seed = "seed";
    public const string Frames = "frames";
    public const string Width = "width";
    public const string Height = "height";
    public const string Fps = "fps";
    public const string FirstFrame = "first_frame";
    public const string LastFrame = "last_frame";
    public const string SourceVideo = "source_video";
    public const string Strength = "strength";
    public const string Output = "output";

    /// <summary>Input names tried in order, per parameter.</summary>
    public static IReadOnlyDictionary<string, string[]> Inputs { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Prompt] = ["text", "prompt", "positive_prompt"],
        [NegativePrompt] = ["text", "prompt", "negative_prompt"],
        [Seed] = ["seed", "noise_seed"],
        [Frames] = ["length", "frames", "num_frames", "frame_count", "video_frames"],
        [Width] = ["width"],
        [Height] = ["height"],
        [Fps] = ["fps", "frame_rate"],
        [FirstFrame] = ["image", "start_image"],
        [LastFrame] = ["image", "end_image"],
        [SourceVideo] = ["file", "video"],
        [Strength] = ["strength", "denoise"],
        [Output] = [],
    };
}
