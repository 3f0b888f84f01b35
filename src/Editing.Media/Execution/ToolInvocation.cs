namespace Editing.Media.Execution;

/// <summary>One run of ffmpeg or ffprobe: the executable, its exact arguments and how to treat its output.</summary>
internal sealed class ToolInvocation(string executable, IReadOnlyList<string> arguments)
{
    /// <summary>Full path of the program.</summary>
    public string Executable { get; } = executable;

    /// <summary>Arguments, passed one by one through <c>ProcessStartInfo.ArgumentList</c> (never re-parsed by a shell).</summary>
    public IReadOnlyList<string> Arguments { get; } = arguments;

    /// <summary>The file errors are about (named in <see cref="MediaException"/> messages).</summary>
    public string? Subject { get; init; }

    /// <summary>Where to report progress; requires <c>-progress pipe:1</c> in the arguments and stdout for progress.</summary>
    public IProgress<MediaProgress>? Progress { get; init; }

    /// <summary>The output frame count expected, for <see cref="MediaProgress.Fraction"/>.</summary>
    public long? TotalFrames { get; init; }

    /// <summary>stdout is ffmpeg's <c>-progress</c> key=value stream: parse it.</summary>
    public bool ParseProgress { get; init; }

    /// <summary>Collect stdout as UTF-8 text (ffprobe's JSON).</summary>
    public bool CaptureStdout { get; init; }

    /// <summary>The caller reads stdout as raw bytes (rawvideo, PCM) through <see cref="FfmpegProcess.StandardOutput"/>.</summary>
    public bool StreamStdout { get; init; }

    /// <summary>The caller writes stdin (rawvideo frames) through <see cref="FfmpegProcess.StandardInput"/>; otherwise stdin is closed at once.</summary>
    public bool WriteStdin { get; init; }

    /// <summary>The tool's name for messages (<c>ffmpeg</c>, <c>ffprobe</c>).</summary>
    public string ToolName => Path.GetFileNameWithoutExtension(Executable);
}
