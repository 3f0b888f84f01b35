using Editing.Media.Execution;

namespace Editing.Media;

/// <summary>
/// Where the <c>ffmpeg</c> and <c>ffprobe</c> programs (and the fonts drawtext uses) are. Every operation of this
/// library runs the tools found by <see cref="Shared"/>.
/// </summary>
/// <remarks>
/// Look-up order for each tool: the environment variable (<c>EDITING_FFMPEG</c>, <c>EDITING_FFPROBE</c>) when set,
/// which must name an existing file; otherwise the first match on <c>PATH</c>. Fonts: <c>EDITING_FONT</c> and
/// <c>EDITING_MONO_FONT</c>, else Debian's <c>fonts-dejavu-core</c> files.
/// </remarks>
public sealed class MediaTools
{
    /// <summary>Environment variable naming the ffmpeg executable.</summary>
    public const string FfmpegVariable = "EDITING_FFMPEG";

    /// <summary>Environment variable naming the ffprobe executable.</summary>
    public const string FfprobeVariable = "EDITING_FFPROBE";

    /// <summary>Environment variable naming the proportional font file for text overlays.</summary>
    public const string FontVariable = "EDITING_FONT";

    /// <summary>Environment variable naming the monospaced font file for burnt-in timecode.</summary>
    public const string MonoFontVariable = "EDITING_MONO_FONT";

    private const string DefaultFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    private const string DefaultMonoFont = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf";

    private static readonly Lock SharedGate = new();
    private static MediaTools? _shared;

    private MediaTools(string ffmpegPath, string ffprobePath, string fontPath, string monoFontPath)
    {
        FfmpegPath = ffmpegPath;
        FfprobePath = ffprobePath;
        FontPath = fontPath;
        MonoFontPath = monoFontPath;
    }

    /// <summary>Full path of the ffmpeg executable.</summary>
    public string FfmpegPath { get; }

    /// <summary>Full path of the ffprobe executable.</summary>
    public string FfprobePath { get; }

    /// <summary>The proportional font file for text overlays (may not exist; checked when an overlay is drawn).</summary>
    public string FontPath { get; }

    /// <summary>The monospaced font file for burnt-in timecode (may not exist; checked when it is drawn).</summary>
    public string MonoFontPath { get; }

    /// <summary>
    /// The tools located from the process environment on first use and then kept. Throws until the tools can be
    /// found (a failed look-up is not cached).
    /// </summary>
    /// <exception cref="MediaException"><see cref="MediaErrorKind.ToolMissing"/> with the look-up that failed.</exception>
    public static MediaTools Shared
    {
        get
        {
            lock (SharedGate)
            {
                return _shared ??= Locate();
            }
        }
    }

    /// <summary>
    /// Finds ffmpeg and ffprobe now. <paramref name="environment"/> reads environment variables (default: the
    /// process environment); tests pass their own to simulate a machine without the tools.
    /// </summary>
    /// <exception cref="MediaException"><see cref="MediaErrorKind.ToolMissing"/>, naming the variable or PATH searched.</exception>
    public static MediaTools Locate(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var ffmpeg = Find("ffmpeg", FfmpegVariable, environment);
        var ffprobe = Find("ffprobe", FfprobeVariable, environment);
        var font = NonEmpty(environment(FontVariable)) ?? DefaultFont;
        var mono = NonEmpty(environment(MonoFontVariable)) ?? DefaultMonoFont;
        return new MediaTools(ffmpeg, ffprobe, font, mono);
    }

    /// <summary>
    /// The ffmpeg version string, e.g. <c>"5.1.9-0+deb12u1"</c> (the third word of <c>ffmpeg -version</c>).
    /// </summary>
    /// <exception cref="MediaException">ffmpeg could not be run.</exception>
    public async Task<string> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var result = await FfmpegRunner.RunAsync(
            new ToolInvocation(FfmpegPath, ["-hide_banner", "-version"]) { CaptureStdout = true },
            cancellationToken).ConfigureAwait(false);
        var firstLine = result.Stdout.Split('\n', 2)[0].Trim();
        var words = firstLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 3 && words[0] == "ffmpeg" && words[1] == "version" ? words[2] : firstLine;
    }

    internal string RequireFont(bool monospace)
    {
        var path = monospace ? MonoFontPath : FontPath;
        if (!File.Exists(path))
        {
            throw new MediaException(
                MediaErrorKind.ToolMissing,
                $"The font '{path}' needed for text overlays does not exist: install fonts-dejavu-core (apt-get install fonts-dejavu-core) or set {(monospace ? MonoFontVariable : FontVariable)}.",
                path);
        }
        return path;
    }

    private static string Find(string tool, string variable, Func<string, string?> environment)
    {
        var explicitPath = NonEmpty(environment(variable));
        if (explicitPath is not null)
        {
            if (File.Exists(explicitPath))
            {
                return Path.GetFullPath(explicitPath);
            }
            throw new MediaException(
                MediaErrorKind.ToolMissing,
                $"{variable} is set to '{explicitPath}', but that file does not exist: point it at the {tool} executable or unset it to search PATH.",
                explicitPath);
        }
        var searchPath = environment("PATH") ?? string.Empty;
        var names = OperatingSystem.IsWindows() ? new[] { tool + ".exe", tool } : new[] { tool };
        foreach (var dir in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }
        throw new MediaException(
            MediaErrorKind.ToolMissing,
            $"{tool} was not found: {variable} is not set and no '{tool}' is on PATH ('{searchPath}'). Install it (Debian: apt-get install ffmpeg) or set {variable}.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
