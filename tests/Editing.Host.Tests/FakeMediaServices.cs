using Editing.Sdk.Media;

namespace Editing.Host.Tests;

/// <summary>
/// Media services that answer probes without ffmpeg. Public with a parameterless constructor so a worker can create it
/// from its type name (<see cref="Plugins.PluginHostOptions.MediaServicesType"/>).
/// </summary>
public sealed class FakeMediaServices : IMediaServices
{
    public Task<MediaDescription> ProbeAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult(new MediaDescription { Path = path, VideoCodec = "fake-codec", FrameCount = 1 });

    public Task ExtractFrameAsync(string path, long frame, string outputPng, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<VideoFrame> ReadFramesAsync(string path, long firstFrame, int count, PixelSize? size, FramePixelFormat format, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public IVideoFrameWriter CreateWriter(string outputPath, VideoWriteSpec spec) => throw new NotSupportedException();

    public Task InterpolateBetweenAsync(string firstImage, string lastImage, VideoWriteSpec spec, InterpolationQuality quality, string outputPath,
        IProgress<double>? progress, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RetimeAsync(string path, long firstFrame, long sourceFrameCount, VideoWriteSpec spec, InterpolationQuality quality, string outputPath,
        IProgress<double>? progress, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ExtendAudioAsync(string sourcePath, long usedFirstFrame, long usedFrameCount, long frames, VideoRate rate, bool atHead, string outputWav,
        CancellationToken cancellationToken) => throw new NotSupportedException();
}
