using Editing.Sdk.Media;

namespace Editing.Host.Plugins.Loading;

/// <summary>The media services of a host started without any: every use throws <see cref="NotSupportedException"/>.</summary>
internal sealed class UnavailableMediaServices : IMediaServices
{
    public static UnavailableMediaServices Instance { get; } = new();

    public Task<MediaDescription> ProbeAsync(string path, CancellationToken cancellationToken) => throw Unavailable();

    public Task ExtractFrameAsync(string path, long frame, string outputPng, CancellationToken cancellationToken) => throw Unavailable();

    public IAsyncEnumerable<VideoFrame> ReadFramesAsync(string path, long firstFrame, int count, PixelSize? size, FramePixelFormat format,
        CancellationToken cancellationToken) => throw Unavailable();

    public IVideoFrameWriter CreateWriter(string outputPath, VideoWriteSpec spec) => throw Unavailable();

    public Task InterpolateBetweenAsync(string firstImage, string lastImage, VideoWriteSpec spec, InterpolationQuality quality,
        string outputPath, IProgress<double>? progress, CancellationToken cancellationToken) => throw Unavailable();

    public Task RetimeAsync(string path, long firstFrame, long sourceFrameCount, VideoWriteSpec spec, InterpolationQuality quality,
        string outputPath, IProgress<double>? progress, CancellationToken cancellationToken) => throw Unavailable();

    public Task ExtendAudioAsync(string sourcePath, long usedFirstFrame, long usedFrameCount, long frames, VideoRate rate, bool atHead,
        string outputWav, CancellationToken cancellationToken) => throw Unavailable();

    private static NotSupportedException Unavailable() =>
        new("media services are not available in this host (it was started without an IMediaServices implementation)");
}
