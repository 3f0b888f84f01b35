using System.Globalization;
using Editing.Media;
using Editing.Media.Frames;
using Editing.Media.Transcoding;
using Editing.Sdk.Media;

namespace Editing.Host.Media;

/// <summary>
/// An <see cref="IVideoFrameWriter"/> over the media layer's <see cref="RawVideoWriter"/>: checks each frame against
/// the spec, enforces the promised frame count, and leaves a file at <see cref="Path"/> only after a verified
/// <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class FrameWriter : IVideoFrameWriter
{
    private readonly RawVideoWriter _writer;
    private readonly VideoWriteSpec _spec;
    private readonly RawPixelFormat _format;

    public FrameWriter(RawVideoWriter writer, VideoWriteSpec spec)
    {
        _writer = writer;
        _spec = spec;
        _format = SpecMapping.ToRaw(spec.InputFormat);
    }

    public string Path => _writer.OutputPath;

    public int FramesWritten { get; private set; }

    public async ValueTask WriteAsync(VideoFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != _spec.Size.Width || frame.Height != _spec.Size.Height || frame.Format != _spec.InputFormat)
        {
            throw new ArgumentException(
                $"frame {FramesWritten.ToString(CultureInfo.InvariantCulture)} is {frame.Width}x{frame.Height} {frame.Format}; the writer for '{Path}' takes {_spec.Size} {_spec.InputFormat}",
                nameof(frame));
        }

        if (FramesWritten >= _spec.FrameCount)
        {
            throw new InvalidOperationException(
                $"the writer for '{Path}' was promised {_spec.FrameCount.ToString(CultureInfo.InvariantCulture)} frame(s); one more is too many");
        }

        try
        {
            await _writer.WriteFrameAsync(new RawFrame(frame.Width, frame.Height, _format, frame.Pixels), cancellationToken).ConfigureAwait(false);
        }
        catch (MediaException e)
        {
            throw MediaErrors.Map(e, "encoding frames", Path);
        }

        FramesWritten++;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (FramesWritten != _spec.FrameCount)
        {
            throw new InvalidOperationException(
                $"the writer for '{Path}' was promised {_spec.FrameCount.ToString(CultureInfo.InvariantCulture)} frame(s) but got {FramesWritten.ToString(CultureInfo.InvariantCulture)}; nothing was written");
        }

        try
        {
            await _writer.CompleteAndVerifyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MediaException e)
        {
            throw MediaErrors.Map(e, "finishing", Path);
        }
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
