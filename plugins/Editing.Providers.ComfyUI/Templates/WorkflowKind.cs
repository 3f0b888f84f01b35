namespace Editing.Providers.ComfyUI.Templates;

/// <summary>Which workflow of a model template a request runs; the keys of a descriptor's <c>workflows</c>.</summary>
internal static class WorkflowKind
{
    public const string TextToVideo = "text-to-video";
    public const string ImageToVideo = "image-to-video";
    public const string FirstLastFrame = "first-last-frame";
    public const string LastFrame = "last-frame";
    public const string Extension = "extension";

    public static IReadOnlyList<string> All { get; } = [TextToVideo, ImageToVideo, FirstLastFrame, LastFrame, Extension];

    /// <summary>The bindings (node titles <c>editing.NAME</c>) a workflow of this kind must have.</summary>
    public static IReadOnlyList<string> RequiredBindings(string kind) => kind switch
    {
        ImageToVideo => [.. Common, Binding.FirstFrame],
        FirstLastFrame => [.. Common, Binding.FirstFrame, Binding.LastFrame],
        LastFrame => [.. Common, Binding.LastFrame],
        Extension => [.. Common, Binding.SourceVideo],
        _ => Common,
    };

    private static readonly string[] Common = [Binding.Prompt, Binding.Seed, Binding.Frames, Binding.Width, Binding.Height];
}
