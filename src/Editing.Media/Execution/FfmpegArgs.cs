namespace Editing.Media.Execution;

/// <summary>Argument lists every ffmpeg run starts with, and path handling shared by all operations.</summary>
internal static class FfmpegArgs
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".dpx", ".exr", ".bmp", ".tga", ".webp",
    };

    /// <summary>
    /// <c>-nostdin -hide_banner -v error</c> (only errors on stderr, so its tail is the error text), <c>-nostats</c>,
    /// and with <paramref name="progress"/> <c>-progress pipe:1 -stats_period 0.25</c>; <c>-y</c> because every
    /// output is a fresh temp file.
    /// </summary>
    public static List<string> Start(bool progress)
    {
        var args = new List<string> { "-nostdin", "-hide_banner", "-v", "error", "-nostats" };
        if (progress)
        {
            args.AddRange(["-progress", "pipe:1", "-stats_period", "0.25"]);
        }
        args.Add("-y");
        return args;
    }

    /// <summary>
    /// Adds <c>-i PATH</c>. The path is made absolute so that a relative name with a colon (<c>take: 1.mov</c>) is
    /// not read as a protocol; a still image whose name contains <c>%</c> is opened with
    /// <c>-f image2 -pattern_type none</c> so the name is not read as a sequence pattern.
    /// </summary>
    public static void AddInput(List<string> args, string fullPath)
    {
        if (Path.GetFileName(fullPath).Contains('%', StringComparison.Ordinal) && ImageExtensions.Contains(Path.GetExtension(fullPath)))
        {
            args.AddRange(["-f", "image2", "-pattern_type", "none"]);
        }
        args.Add("-i");
        args.Add(fullPath);
    }

    /// <summary>Determinism: no encoder/muxer version strings, no creation time, no copied global metadata.</summary>
    public static void AddBitexact(List<string> args)
    {
        args.AddRange(["-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact"]);
    }

    /// <summary>A full path for an input argument; refuses empty names.</summary>
    public static string InputPath(string path, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path, paramName);
        return Path.GetFullPath(path);
    }
}
