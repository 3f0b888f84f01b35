using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Editing.Sdk;
using Editing.Sdk.Media;

namespace Editing.Host.Caching;

/// <summary>
/// Media services whose probes are remembered in the result cache by file path, size and modification time, so a
/// repeated apply over unchanged camera media starts no ffprobe at all. Everything else goes to the inner services.
/// </summary>
internal sealed class CachedProbes(IMediaServices inner, ResultCache cache) : IMediaServices
{
    public async Task<MediaDescription> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(Path.GetFullPath(path));
        if (!info.Exists)
        {
            return await inner.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        }

        var stamp = $"probe\n{info.FullName}\n{info.Length}\n{info.LastWriteTimeUtc.Ticks}";
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stamp)))[..32];
        if (cache.ReadMemo("probes", name) is { } known)
        {
            try
            {
                if (JsonSerializer.Deserialize<MediaDescription>(known, SdkJson.Options) is { } remembered)
                {
                    return remembered;
                }
            }
            catch (JsonException)
            {
            }
        }

        var description = await inner.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        cache.WriteMemo("probes", name, JsonSerializer.Serialize(description, SdkJson.Options));
        return description;
    }

    public Task ExtractFrameAsync(string path, long frame, string outputPng, CancellationToken cancellationToken) =>
        inner.ExtractFrameAsync(path, frame, outputPng, cancellationToken);

    public IAsyncEnumerable<VideoFrame> ReadFramesAsync(string path, long firstFrame, int count, PixelSize? size, FramePixelFormat format, CancellationToken cancellationToken) =>
        inner.ReadFramesAsync(path, firstFrame, count, size, format, cancellationToken);

    public IVideoFrameWriter CreateWriter(string outputPath, VideoWriteSpec spec) => inner.CreateWriter(outputPath, spec);

    public Task InterpolateBetweenAsync(string firstImage, string lastImage, VideoWriteSpec spec, InterpolationQuality quality, string outputPath,
        IProgress<double>? progress, CancellationToken cancellationToken) =>
        inner.InterpolateBetweenAsync(firstImage, lastImage, spec, quality, outputPath, progress, cancellationToken);

    public Task RetimeAsync(string path, long firstFrame, long sourceFrameCount, VideoWriteSpec spec, InterpolationQuality quality, string outputPath,
        IProgress<double>? progress, CancellationToken cancellationToken) =>
        inner.RetimeAsync(path, firstFrame, sourceFrameCount, spec, quality, outputPath, progress, cancellationToken);

    public Task ExtendAudioAsync(string sourcePath, long usedFirstFrame, long usedFrameCount, long frames, VideoRate rate, bool atHead, string outputWav,
        CancellationToken cancellationToken) =>
        inner.ExtendAudioAsync(sourcePath, usedFirstFrame, usedFrameCount, frames, rate, atHead, outputWav, cancellationToken);
}
