using System.Globalization;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Tools;

namespace Editing.Tools.Shared;

/// <summary>Turns a frame or image parameter into a still file a provider can take.</summary>
internal static class FrameImages
{
    private static readonly string[] StillExtensions = [".png", ".jpg", ".jpeg", ".tif", ".tiff", ".exr", ".dpx", ".bmp", ".webp"];

    /// <summary>True when the path names a still image (by extension) rather than a video.</summary>
    public static bool IsStill(string path) => StillExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>
    /// The still a symbolic reference stands for (the host extracts edge frames when the tool asks for
    /// <see cref="ToolInput.EdgeFrames"/> or <see cref="ToolInput.NeighbourFrames"/>), or null when the timeline has
    /// no such frame (no neighbour, a gap, missing media). Not symbolic: the path itself.
    /// </summary>
    public static string? SymbolicPath(MediaReferenceValue value, ClipContext clip) => value.Path switch
    {
        MediaReferenceValue.ClipFirst => clip.FirstFramePath,
        MediaReferenceValue.ClipLast => clip.LastFramePath,
        MediaReferenceValue.PreviousLast => clip.Previous?.EdgeFramePath,
        MediaReferenceValue.NextFirst => clip.Next?.EdgeFramePath,
        _ => value.Path,
    };

    /// <summary>
    /// A still for <paramref name="value"/>: the edge frame a symbolic reference names, an image file as is, or frame
    /// <see cref="MediaReferenceValue.Frame"/> (0 when not given) of a video extracted into <paramref name="scratch"/>
    /// as a 16-bit PNG. Null when a symbolic reference has no frame.
    /// </summary>
    public static async Task<string?> ResolveAsync(MediaReferenceValue value, ClipContext clip, IMediaServices media, string scratch,
        string name, CancellationToken cancellationToken)
    {
        if (value.IsSymbolic)
        {
            return SymbolicPath(value, clip);
        }

        if (IsStill(value.Path) && value.Frame is null or 0)
        {
            return value.Path;
        }

        var output = ScratchFiles.NewPath(scratch, name, ".png");
        await media.ExtractFrameAsync(value.Path, value.Frame ?? 0, output, cancellationToken).ConfigureAwait(false);
        return output;
    }

    /// <summary>Frame <paramref name="frame"/> of <paramref name="path"/> as a 16-bit PNG in the scratch folder.</summary>
    public static async Task<string> ExtractAsync(IMediaServices media, string path, long frame, string scratch, string name,
        CancellationToken cancellationToken)
    {
        var output = ScratchFiles.NewPath(scratch, string.Create(CultureInfo.InvariantCulture, $"{name}-{frame}"), ".png");
        await media.ExtractFrameAsync(path, frame, output, cancellationToken).ConfigureAwait(false);
        return output;
    }
}
