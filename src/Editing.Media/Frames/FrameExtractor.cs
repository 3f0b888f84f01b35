using System.Globalization;
using Editing.Media.Execution;
using Editing.Media.Probe;

namespace Editing.Media.Frames;

/// <summary>Writes single frames of a video as PNG images.</summary>
public static class FrameExtractor
{
    /// <summary>
    /// Writes frame <paramref name="frameIndex"/> (0-based, counted in decode order at the file's own rate) of the
    /// first video stream to <paramref name="outputPng"/>: 16-bit RGB (<c>rgb48be</c>) by default, or 8-bit. The
    /// frame is chosen with <c>select=eq(n,N)</c>, so it is exact for every codec (the file is decoded from the
    /// start up to that frame).
    /// </summary>
    /// <exception cref="MediaException">
    /// <see cref="MediaErrorKind.OutOfRange"/> when the file has no such frame; other kinds with ffmpeg's text.
    /// </exception>
    public static async Task ExtractFrameAsync(
        string input,
        long frameIndex,
        string outputPng,
        PngBitDepth depth = PngBitDepth.Sixteen,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameIndex);
        var full = FfmpegArgs.InputPath(input, nameof(input));
        var pixelFormat = depth == PngBitDepth.Eight ? "rgb24" : "rgb48be";
        var select = FilterText.Filter("select", ("expr", string.Create(CultureInfo.InvariantCulture, $"eq(n,{frameIndex})")));
        await WritePngAsync(full, outputPng, select, pixelFormat, frameIndex, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the last frame of the first video stream (index frame count − 1, from a probe) exactly, and returns
    /// its index.
    /// </summary>
    public static async Task<long> ExtractLastFrameAsync(
        string input,
        string outputPng,
        PngBitDepth depth = PngBitDepth.Sixteen,
        CancellationToken cancellationToken = default)
    {
        var info = await MediaProbe.ProbeAsync(input, cancellationToken).ConfigureAwait(false);
        var video = RequireVideo(info);
        if (video.FrameCount <= 0)
        {
            throw new MediaException(MediaErrorKind.InvalidMedia, $"'{info.Path}' has no video frames.", info.Path);
        }
        var last = video.FrameCount - 1;
        await ExtractFrameAsync(input, last, outputPng, depth, cancellationToken).ConfigureAwait(false);
        return last;
    }

    internal static async Task WritePngAsync(string fullInput, string outputPng, string filter, string pixelFormat, long frameIndex, CancellationToken cancellationToken)
    {
        using var output = TempOutput.For(outputPng, fullInput);
        var args = FfmpegArgs.Start(progress: false);
        FfmpegArgs.AddInput(args, fullInput);
        args.AddRange(["-map", "0:v:0", "-vf", filter, "-fps_mode", "vfr", "-frames:v", "1", "-pix_fmt", pixelFormat]);
        FfmpegArgs.AddBitexact(args);
        // -update 1: the name is used as it is, never as an image-sequence pattern (a '%' in it stays literal).
        args.AddRange(["-update", "1", "-f", "image2", output.TempPath]);
        await FfmpegRunner.RunAsync(
            new ToolInvocation(MediaTools.Shared.FfmpegPath, args) { Subject = fullInput },
            cancellationToken).ConfigureAwait(false);
        if (!File.Exists(output.TempPath))
        {
            var info = await MediaProbe.ProbeAsync(fullInput, cancellationToken).ConfigureAwait(false);
            var count = info.Video?.FrameCount ?? 0;
            throw new MediaException(
                MediaErrorKind.OutOfRange,
                $"Frame {frameIndex} does not exist in '{fullInput}': it has {count} frame(s) (indices 0..{count - 1}).",
                fullInput);
        }
        output.Commit();
    }

    internal static VideoStreamInfo RequireVideo(MediaInfo info) =>
        info.Video ?? throw new MediaException(MediaErrorKind.InvalidMedia, $"'{info.Path}' has no video stream.", info.Path);
}
