using Editing.Media.Probe;

namespace Editing.Media.Execution;

/// <summary>
/// An output written atomically: ffmpeg writes <c>.NAME.tmp-GUID.EXT</c> in the final file's folder (same volume,
/// same extension so ffmpeg picks the same muxer), and <see cref="Commit"/> renames it over the final path. Disposing
/// without a commit deletes the temp file, so a failed or cancelled run leaves nothing behind.
/// </summary>
internal sealed class TempOutput : IDisposable
{
    private readonly List<string> _scratch = [];
    private bool _committed;

    private TempOutput(string finalPath, string tempPath)
    {
        FinalPath = finalPath;
        TempPath = tempPath;
    }

    public string FinalPath { get; }

    public string TempPath { get; }

    public string Directory => Path.GetDirectoryName(FinalPath)!;

    /// <summary>The probe of the finished temp file (<see cref="ProbeAsync"/>), remembered for the final path on commit.</summary>
    public MediaInfo? Verified { get; private set; }

    /// <summary>
    /// Prepares the temp path for <paramref name="outputPath"/>; refuses an output that is one of the inputs or
    /// whose folder does not exist.
    /// </summary>
    public static TempOutput For(string outputPath, params string[] inputs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var full = Path.GetFullPath(outputPath);
        foreach (var input in inputs)
        {
            if (string.Equals(Path.GetFullPath(input), full, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The output '{full}' is also an input; write to another file.", nameof(outputPath));
            }
        }
        var directory = Path.GetDirectoryName(full)!;
        if (!System.IO.Directory.Exists(directory))
        {
            throw new MediaException(MediaErrorKind.OutputFailed, $"The output folder '{directory}' of '{full}' does not exist.", full);
        }
        var name = Path.GetFileNameWithoutExtension(full);
        var temp = Path.Combine(directory, $".{name}.tmp-{Guid.NewGuid():N}{Path.GetExtension(full)}");
        return new TempOutput(full, temp);
    }

    /// <summary>A scratch file beside the temp output (overlay text, generated audio), deleted with it.</summary>
    public string Scratch(string suffix)
    {
        var path = Path.Combine(Directory, $".{Path.GetFileNameWithoutExtension(FinalPath)}.tmp-{Guid.NewGuid():N}{suffix}");
        _scratch.Add(path);
        return path;
    }

    /// <summary>
    /// Probes the finished temp file (never from the probe cache); <see cref="Commit"/> then remembers the result
    /// for the final path, so the next operation reading it does not probe it again.
    /// </summary>
    public async Task<MediaInfo> ProbeAsync(CancellationToken cancellationToken)
    {
        var info = await MediaProbe.ProbeUncachedAsync(TempPath, cancellationToken).ConfigureAwait(false);
        Verified = info;
        return info;
    }

    /// <summary>
    /// Takes <paramref name="info"/> as the finished file's probe without running ffprobe: for files this library
    /// writes itself byte by byte, whose probe is known exactly (tests compare it with ffprobe's).
    /// </summary>
    public void Remember(MediaInfo info) => Verified = info;

    /// <summary>Moves the temp file to the final path (replacing it).</summary>
    public void Commit()
    {
        if (!File.Exists(TempPath))
        {
            throw new MediaException(MediaErrorKind.OutputFailed, $"ffmpeg reported success but wrote nothing for '{FinalPath}'.", FinalPath);
        }
        try
        {
            File.Move(TempPath, FinalPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MediaException(MediaErrorKind.OutputFailed, $"Could not move the finished output to '{FinalPath}': {ex.Message}", FinalPath, inner: ex);
        }
        _committed = true;
        if (Verified is { } verified)
        {
            ProbeCache.Store(FinalPath, ProbeCache.Stamp(FinalPath), verified);
        }
    }

    public void Dispose()
    {
        if (!_committed)
        {
            TryDelete(TempPath);
        }
        foreach (var scratch in _scratch)
        {
            TryDelete(scratch);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp file is named so it is recognisable.
        }
    }
}
