using System.Globalization;
using System.Runtime.CompilerServices;
using Editing.Media.Execution;
using Editing.Media.Probe;

namespace Editing.Media.Frames;

/// <summary>
/// Reads decoded frames as packed RGB bytes: ffmpeg decodes, converts (and optionally scales) and writes
/// <c>-f rawvideo</c> to its stdout, which is read frame by frame.
/// </summary>
public static class RawFrameReader
{
    /// <summary>
    /// Yields <paramref name="count"/> frames starting at frame <paramref name="firstFrame"/> (0-based, decode
    /// order at the file's own rate) of the first video stream, converted to <paramref name="format"/> and scaled
    /// (stretched) to <paramref name="size"/> when given, else at the stream's size. YUV sources are converted with
    /// the matrix their stream is tagged with (BT.601 when untagged, ffmpeg's default). A later first frame is reached
    /// by seeking, not by decoding from the start (exactly as <see cref="FrameExtractor.ExtractFrameAsync"/> finds
    /// its frame).
    /// </summary>
    /// <remarks>Stopping the enumeration early kills ffmpeg. Each frame owns a new buffer.</remarks>
    /// <exception cref="MediaException">
    /// <see cref="MediaErrorKind.OutOfRange"/> when the file ends before <paramref name="count"/> frames were read.
    /// </exception>
    public static async IAsyncEnumerable<RawFrame> ReadFramesAsync(
        string path,
        long firstFrame,
        int count,
        RawPixelFormat format,
        FrameSize? size = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstFrame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var full = FfmpegArgs.InputPath(path, nameof(path));
        var stamp = FileStamp.Of(full);
        var info = size is null || firstFrame > 0 ? await MediaProbe.ProbeAsync(full, cancellationToken).ConfigureAwait(false) : null;
        var target = size ?? SizeOf(info!);
        if (!target.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The frame size must be positive.");
        }
        if (DecodedFrames.Take(full, stamp, firstFrame, count, target, format) is { } kept)
        {
            // Decoded a moment ago by the same conversion (an edge frame written as PNG): handed over, not decoded again.
            foreach (var frame in kept)
            {
                yield return frame;
            }
            yield break;
        }
        await foreach (var frame in DecodeAsync(full, info, firstFrame, count, format, target, cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }

    /// <summary>
    /// <see cref="ReadFramesAsync"/> without the memo: always runs ffmpeg. <paramref name="info"/> is the file's probe
    /// (needed when <paramref name="firstFrame"/> is past 0, to seek).
    /// </summary>
    internal static async IAsyncEnumerable<RawFrame> DecodeAsync(
        string full,
        MediaInfo? info,
        long firstFrame,
        int count,
        RawPixelFormat format,
        FrameSize target,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var convert = string.Join(',',
            FilterText.Filter("scale", ("w", Num(target.Width)), ("h", Num(target.Height)), ("flags", "bicubic+accurate_rnd+full_chroma_int")),
            FilterText.Filter("format", ("pix_fmts", RawFrame.FfmpegName(format))));
        var read = 0;
        if (info is not null && FrameSeek.Plan(info, firstFrame) is { } seek)
        {
            // From the seek: the frames from N on, or none at all when N is not where its timestamp says.
            var filter = string.Join(',',
                FilterText.Filter("select", ("expr", seek.FromFrame())),
                FilterText.Filter("trim", ("end_frame", Num(count))),
                convert);
            await foreach (var frame in RunAsync(full, seek, filter, target, format, count, cancellationToken).ConfigureAwait(false))
            {
                read++;
                yield return frame;
            }
        }
        if (read == 0)
        {
            var filter = string.Join(',',
                FilterText.Filter("trim", ("start_frame", Num(firstFrame)), ("end_frame", Num(firstFrame + count))),
                convert);
            await foreach (var frame in RunAsync(full, null, filter, target, format, count, cancellationToken).ConfigureAwait(false))
            {
                read++;
                yield return frame;
            }
        }
        if (read < count)
        {
            throw new MediaException(
                MediaErrorKind.OutOfRange,
                $"'{full}' has only {read} frame(s) from frame {firstFrame}; {count} were asked for.",
                full);
        }
    }

    /// <summary>Runs one decode to raw frames and yields at most <paramref name="count"/> of them.</summary>
    private static async IAsyncEnumerable<RawFrame> RunAsync(
        string full,
        FrameSeek? seek,
        string filter,
        FrameSize target,
        RawPixelFormat format,
        int count,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var args = FfmpegArgs.Start(progress: false);
        seek?.AddInputOptions(args);
        FfmpegArgs.AddInput(args, full);
        args.AddRange(["-map", "0:v:0", "-vf", filter, "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", RawFrame.FfmpegName(format), "pipe:1"]);
        var frameBytes = checked(target.Width * target.Height * RawFrame.BytesPer(format));
        await using var process = FfmpegProcess.Start(
            new ToolInvocation(MediaTools.Shared.FfmpegPath, args) { Subject = full, StreamStdout = true },
            cancellationToken);
        var read = 0;
        while (read < count)
        {
            var buffer = new byte[frameBytes];
            int got;
            try
            {
                got = await process.StandardOutput.ReadAtLeastAsync(buffer, frameBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw;
            }
            if (got == 0)
            {
                break;
            }
            if (got < frameBytes)
            {
                await process.WaitForSuccessAsync().ConfigureAwait(false);
                throw new MediaException(MediaErrorKind.InvalidMedia, $"ffmpeg's raw output for '{full}' ended inside a frame ({got} of {frameBytes} bytes).", full);
            }
            read++;
            yield return new RawFrame(target.Width, target.Height, format, buffer);
        }
        await process.WaitForSuccessAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a still image (PNG, JPEG, TIFF, DPX, EXR…) as one frame in <paramref name="format"/>, scaled to
    /// <paramref name="size"/> when given.
    /// </summary>
    public static async Task<RawFrame> ReadImageAsync(
        string path,
        RawPixelFormat format,
        FrameSize? size = null,
        CancellationToken cancellationToken = default)
    {
        await foreach (var frame in ReadFramesAsync(path, 0, 1, format, size, cancellationToken).ConfigureAwait(false))
        {
            return frame;
        }
        throw new MediaException(MediaErrorKind.InvalidMedia, $"'{path}' holds no picture.", path);
    }

    private static FrameSize SizeOf(MediaInfo info)
    {
        var video = FrameExtractor.RequireVideo(info);
        return new FrameSize(video.Width, video.Height);
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
