using Editing.Media.Execution;

namespace Editing.Media.Probe;

/// <summary>Reads what a media file holds with <c>ffprobe -print_format json -show_streams -show_format</c>.</summary>
public static class MediaProbe
{
    /// <summary>
    /// Probes <paramref name="path"/>: container, first video stream (codec, profile, size, pixel format, exact
    /// rate, frame count, start timecode) and audio streams (codec, rate, channels, layout, sample count). A file
    /// probed before, or written by this library, and unchanged since (same length and last-write time) is not
    /// probed again.
    /// </summary>
    /// <exception cref="MediaException">
    /// <see cref="MediaErrorKind.InputNotFound"/> or <see cref="MediaErrorKind.InvalidMedia"/> with ffprobe's text.
    /// </exception>
    public static async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = FfmpegArgs.InputPath(path, nameof(path));
        var stamp = ProbeCache.Stamp(full);
        if (ProbeCache.Find(full, stamp) is { } known)
        {
            return known;
        }
        var info = await ProbeUncachedAsync(full, cancellationToken).ConfigureAwait(false);
        ProbeCache.Store(full, stamp, info);
        return info;
    }

    /// <summary>Runs ffprobe on <paramref name="full"/> (always; the result is not remembered).</summary>
    internal static async Task<MediaInfo> ProbeUncachedAsync(string full, CancellationToken cancellationToken)
    {
        var tools = MediaTools.Shared;
        var args = new List<string> { "-hide_banner", "-v", "error", "-print_format", "json", "-show_streams", "-show_format" };
        AddProbeInput(args, full);
        var result = await FfmpegRunner.RunAsync(
            new ToolInvocation(tools.FfprobePath, args) { Subject = full, CaptureStdout = true },
            cancellationToken).ConfigureAwait(false);
        var info = ProbeJson.Parse(full, result.Stdout);
        if (info.Video is { FrameCount: < 0 } video)
        {
            var counted = await CountPacketsAsync(tools, full, video.Index, cancellationToken).ConfigureAwait(false);
            info = info with { Video = video with { FrameCount = counted } };
        }
        return info;
    }

    private static async Task<long> CountPacketsAsync(MediaTools tools, string full, int streamIndex, CancellationToken cancellationToken)
    {
        var args = new List<string>
        {
            "-hide_banner", "-v", "error", "-count_packets", "-select_streams", streamIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-show_entries", "stream=nb_read_packets", "-print_format", "json",
        };
        AddProbeInput(args, full);
        var result = await FfmpegRunner.RunAsync(
            new ToolInvocation(tools.FfprobePath, args) { Subject = full, CaptureStdout = true },
            cancellationToken).ConfigureAwait(false);
        return ProbeJson.ReadPacketCount(full, result.Stdout);
    }

    private static void AddProbeInput(List<string> args, string full)
    {
        // ffprobe takes the input as its last argument; the same image2 care as ffmpeg's -i.
        var inputArgs = new List<string>();
        FfmpegArgs.AddInput(inputArgs, full);
        args.AddRange(inputArgs);
    }
}
