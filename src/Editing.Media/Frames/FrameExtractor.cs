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
    /// file is not decoded from its start: ffmpeg seeks (<c>-ss</c>) to just before the frame's time and keeps only
    /// the frame whose timestamp is the frame's (for long-GOP codecs from a key frame up to a second earlier); when
    /// that finds nothing (a variable-rate stream, timestamps that do not follow the rate) the frame is chosen with
    /// <c>select=eq(n,N)</c> decoding from the start. Either way it is the exact frame.
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
        if (depth == PngBitDepth.Sixteen && await TryExtractDecodedAsync(full, frameIndex, outputPng, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        var pixelFormat = depth == PngBitDepth.Eight ? "rgb24" : "rgb48be";
        await WriteFramePngAsync(full, frameIndex, outputPng, null, pixelFormat, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A 16-bit edge frame of a video: decoded with the frame before it in one run (<see cref="RawFrameReader"/>, the
    /// same conversion as every frame read), written as PNG here (<see cref="PngFile"/>), and both frames kept in
    /// <see cref="DecodedFrames"/>, since whoever needs an edge frame usually reads the frames at that edge next. False
    /// (nothing done) for stills, images and frames outside the probed count, which take the ffmpeg PNG path.
    /// </summary>
    private static async Task<bool> TryExtractDecodedAsync(string full, long frameIndex, string outputPng, CancellationToken cancellationToken)
    {
        var stamp = FileStamp.Of(full);
        var info = await MediaProbe.ProbeAsync(full, cancellationToken).ConfigureAwait(false);
        if (info.Video is not { FrameCount: > 1, Width: > 0, Height: > 0 } video
            || frameIndex >= video.FrameCount
            || info.FormatName.StartsWith("image2", StringComparison.Ordinal)
            || info.FormatName.EndsWith("_pipe", StringComparison.Ordinal))
        {
            return false;
        }
        var first = Math.Max(0, frameIndex - 1);
        var frames = new List<RawFrame>(2);
        await foreach (var frame in RawFrameReader.DecodeAsync(full, info, first, (int)(frameIndex - first + 1), RawPixelFormat.Rgb48,
            new FrameSize(video.Width, video.Height), cancellationToken).ConfigureAwait(false))
        {
            frames.Add(frame);
        }
        using (var output = TempOutput.For(outputPng, full))
        {
            try
            {
                PngFile.Write(output.TempPath, frames[^1]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new MediaException(MediaErrorKind.OutputFailed, $"Could not write '{output.FinalPath}': {e.Message}", output.FinalPath, inner: e);
            }
            output.Commit();
        }
        DecodedFrames.Keep(full, stamp, first, frames);
        return true;
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

    /// <summary>
    /// Writes frame <paramref name="frameIndex"/> (then <paramref name="then"/>, a filter chain, when given) as a
    /// PNG: with a seek when the probe allows one (<see cref="FrameSeek"/>), else, or when the seek finds nothing,
    /// by decoding from the start.
    /// </summary>
    internal static async Task WriteFramePngAsync(string fullInput, long frameIndex, string outputPng, string? then, string pixelFormat, CancellationToken cancellationToken)
    {
        if (frameIndex > 0)
        {
            var info = await MediaProbe.ProbeAsync(fullInput, cancellationToken).ConfigureAwait(false);
            if (FrameSeek.Plan(info, frameIndex) is { } seek)
            {
                var window = FilterText.Filter("select", ("expr", seek.SingleFrame()));
                if (await TryWritePngAsync(fullInput, outputPng, seek, Chain(window, then), pixelFormat, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        var select = FilterText.Filter("select", ("expr", string.Create(CultureInfo.InvariantCulture, $"eq(n,{frameIndex})")));
        await WritePngAsync(fullInput, outputPng, Chain(select, then), pixelFormat, frameIndex, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the first frame <paramref name="filter"/> lets through, decoding from the start; OutOfRange when none does.</summary>
    internal static async Task WritePngAsync(string fullInput, string outputPng, string filter, string pixelFormat, long frameIndex, CancellationToken cancellationToken)
    {
        if (!await TryWritePngAsync(fullInput, outputPng, null, filter, pixelFormat, cancellationToken).ConfigureAwait(false))
        {
            var info = await MediaProbe.ProbeAsync(fullInput, cancellationToken).ConfigureAwait(false);
            var count = info.Video?.FrameCount ?? 0;
            throw new MediaException(
                MediaErrorKind.OutOfRange,
                $"Frame {frameIndex} does not exist in '{fullInput}': it has {count} frame(s) (indices 0..{count - 1}).",
                fullInput);
        }
    }

    /// <summary>Writes the first frame <paramref name="filter"/> lets through; false (nothing written) when none does.</summary>
    private static async Task<bool> TryWritePngAsync(string fullInput, string outputPng, FrameSeek? seek, string filter, string pixelFormat, CancellationToken cancellationToken)
    {
        using var output = TempOutput.For(outputPng, fullInput);
        var args = FfmpegArgs.Start(progress: false);
        seek?.AddInputOptions(args);
        FfmpegArgs.AddInput(args, fullInput);
        // zlib level 1: a third faster than the default on a 16-bit HD frame, ~10 % larger (more on noisy footage).
        args.AddRange(["-map", "0:v:0", "-vf", filter, "-fps_mode", "vfr", "-frames:v", "1", "-pix_fmt", pixelFormat, "-compression_level", "1"]);
        FfmpegArgs.AddBitexact(args);
        // -update 1: the name is used as it is, never as an image-sequence pattern (a '%' in it stays literal).
        args.AddRange(["-update", "1", "-f", "image2", output.TempPath]);
        await FfmpegRunner.RunAsync(
            new ToolInvocation(MediaTools.Shared.FfmpegPath, args) { Subject = fullInput },
            cancellationToken).ConfigureAwait(false);
        if (!File.Exists(output.TempPath))
        {
            return false;
        }
        output.Commit();
        return true;
    }

    private static string Chain(string first, string? then) => then is null ? first : first + "," + then;

    internal static VideoStreamInfo RequireVideo(MediaInfo info) =>
        info.Video ?? throw new MediaException(MediaErrorKind.InvalidMedia, $"'{info.Path}' has no video stream.", info.Path);
}
