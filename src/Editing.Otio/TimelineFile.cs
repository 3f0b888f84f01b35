using Editing.Otio.Bundles;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Otio;

/// <summary>Reads and writes a timeline file by its extension: <c>.otio</c> (or <c>.json</c>), <c>.otioz</c>, <c>.otiod</c>.</summary>
public static class TimelineFile
{
    /// <summary>The formats this library reads and writes.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".otio", ".otioz", ".otiod"];

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="OtioException">An unknown extension, an unreadable file or invalid content (the message names the file and place).</exception>
    public static SerializableObject Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FormatOf(path) switch
        {
            ".otioz" => OtioBundle.ReadOtioz(path, null),
            ".otiod" => OtioBundle.ReadOtiod(path, null),
            _ => OtioJson.ReadFile(path),
        };
    }

    /// <summary>Writes <paramref name="root"/> to <paramref name="path"/> in the format its extension names.</summary>
    /// <param name="root">What to write.</param>
    /// <param name="path">The output; <c>.otio</c>, <c>.otioz</c> or <c>.otiod</c>.</param>
    /// <param name="options">Schema target and indent.</param>
    /// <param name="bundleOptions">For bundles: the media policy and the folder relative media paths resolve against.</param>
    public static void Write(SerializableObject root, string path, OtioWriteOptions? options = null, OtioBundleWriteOptions? bundleOptions = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        switch (FormatOf(path))
        {
            case ".otioz":
                OtioBundle.WriteOtioz(root, path, (bundleOptions ?? OtioBundleWriteOptions.Default) with { WriteOptions = options ?? OtioWriteOptions.Default });
                break;
            case ".otiod":
                OtioBundle.WriteOtiod(root, path, (bundleOptions ?? OtioBundleWriteOptions.Default) with { WriteOptions = options ?? OtioWriteOptions.Default });
                break;
            default:
                OtioJson.WriteFile(root, path, options);
                break;
        }
    }

    /// <summary>The normalised format of a path: <c>.otio</c>, <c>.otioz</c> or <c>.otiod</c>.</summary>
    /// <exception cref="OtioException">The extension is none of them.</exception>
    public static string FormatOf(string path)
    {
        var ext = Path.GetExtension(Path.TrimEndingDirectorySeparator(path)).ToLowerInvariant();
        return ext switch
        {
            ".otio" or ".json" => ".otio",
            ".otioz" => ".otioz",
            ".otiod" => ".otiod",
            _ => throw new OtioException(OtioErrorKind.FileOpenFailed, $"{path}: unknown timeline format '{ext}' (expected .otio, .otioz or .otiod)"),
        };
    }
}
