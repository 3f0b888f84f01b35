namespace Editing.Sdk.Media;

/// <summary>
/// The host's media layer as plugins see it. Tools and providers never start ffmpeg themselves: they probe, read
/// frames as pixels, write frames, and ask for interpolation here, so that every file the host gets back can be
/// conformed to the timeline. Frame numbers are 0-based indexes at the file's own rate.
/// </summary>
public interface IMediaServices
{
    /// <summary>Probes a media file.</summary>
    Task<MediaDescription> ProbeAsync(string path, CancellationToken cancellationToken);

    /// <summary>Writes frame <paramref name="frame"/> of a video (or the image itself) as a 16-bit RGB PNG.</summary>
    Task ExtractFrameAsync(string path, long frame, string outputPng, CancellationToken cancellationToken);

    /// <summary>
    /// Decodes <paramref name="count"/> frames starting at <paramref name="firstFrame"/>, scaled to
    /// <paramref name="size"/> when given (Lanczos). Stills (PNG, JPEG, TIFF) read as one frame.
    /// </summary>
    IAsyncEnumerable<VideoFrame> ReadFramesAsync(string path, long firstFrame, int count, PixelSize? size,
        FramePixelFormat format, CancellationToken cancellationToken);

    /// <summary>Starts a writer for frames computed by the plugin.</summary>
    IVideoFrameWriter CreateWriter(string outputPath, VideoWriteSpec spec);

    /// <summary>
    /// Makes a clip of exactly <paramref name="spec"/>.FrameCount frames that moves from the first still to the last
    /// (both included), with <paramref name="quality"/> in-betweens.
    /// </summary>
    Task InterpolateBetweenAsync(string firstImage, string lastImage, VideoWriteSpec spec, InterpolationQuality quality,
        string outputPath, IProgress<double>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Retimes <paramref name="sourceFrameCount"/> frames of a video starting at <paramref name="firstFrame"/> into
    /// exactly <paramref name="spec"/>.FrameCount frames (slow motion when more, fast when fewer).
    /// </summary>
    Task RetimeAsync(string path, long firstFrame, long sourceFrameCount, VideoWriteSpec spec, InterpolationQuality quality,
        string outputPath, IProgress<double>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Audio for an extension: <paramref name="frames"/> frames' worth of samples (sample-exact at the source's rate)
    /// of room tone taken from the source's used range, joined without a click. <paramref name="atHead"/> places it
    /// before the used range (head extension) instead of after it.
    /// </summary>
    Task ExtendAudioAsync(string sourcePath, long usedFirstFrame, long usedFrameCount, long frames, VideoRate rate,
        bool atHead, string outputWav, CancellationToken cancellationToken);
}
