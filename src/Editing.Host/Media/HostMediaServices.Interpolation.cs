using Editing.Media.Transcoding;
using Editing.Sdk.Media;

namespace Editing.Host.Media;

public sealed partial class HostMediaServices
{
    /// <summary>
    /// A clip of exactly <paramref name="spec"/>.FrameCount frames going from <paramref name="firstImage"/> (frame 0)
    /// to <paramref name="lastImage"/> (the last frame), both stretched to the spec's size, with
    /// <paramref name="quality"/> in-betweens (a one-frame clip is the first image). Overlays and burnt-in timecode as
    /// for <see cref="CreateWriter"/>.
    /// </summary>
    public async Task InterpolateBetweenAsync(string firstImage, string lastImage, VideoWriteSpec spec, InterpolationQuality quality,
        string outputPath, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(firstImage);
        ArgumentException.ThrowIfNullOrWhiteSpace(lastImage);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        SpecMapping.Validate(spec, nameof(spec));
        if (spec.FrameCount == 1)
        {
            // The media layer needs two frames to interpolate; one frame is simply the first image.
            await using var writer = CreateWriter(outputPath, spec with { InputFormat = FramePixelFormat.Rgb48 });
            await foreach (var frame in ReadFramesAsync(firstImage, 0, 1, spec.Size, FramePixelFormat.Rgb48, cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            progress?.Report(1);
            return;
        }

        var encode = SpecMapping.ToEncodeSpec(spec, outputPath, Options);
        await MediaErrors.GuardAsync(
            "interpolating between stills",
            firstImage,
            () => Retimer.InterpolateBetweenAsync(firstImage, lastImage, spec.FrameCount, ModeOf(quality), encode, outputPath,
                ProgressAdapter.For(progress), cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Spreads <paramref name="sourceFrameCount"/> frames from <paramref name="firstFrame"/> over exactly
    /// <paramref name="spec"/>.FrameCount frames at the spec's rate and size (output frame j shows source position
    /// j × sourceFrameCount / FrameCount), with <paramref name="quality"/> in-betweens. Video only; the source's
    /// timecode is kept unless the spec burns in its own.
    /// </summary>
    public Task RetimeAsync(string path, long firstFrame, long sourceFrameCount, VideoWriteSpec spec, InterpolationQuality quality,
        string outputPath, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        ArgumentOutOfRangeException.ThrowIfNegative(firstFrame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceFrameCount);
        SpecMapping.Validate(spec, nameof(spec));
        var encode = SpecMapping.ToEncodeSpec(spec, outputPath, Options);
        return MediaErrors.GuardAsync(
            $"retiming frames {firstFrame}..{firstFrame + sourceFrameCount - 1} to {spec.FrameCount}",
            path,
            () => Retimer.RetimeAsync(path, firstFrame, sourceFrameCount, spec.FrameCount, ModeOf(quality), encode, outputPath,
                ProgressAdapter.For(progress), cancellationToken));
    }

    private static InterpolationMode ModeOf(InterpolationQuality quality) => quality switch
    {
        InterpolationQuality.Duplicate => InterpolationMode.Duplicate,
        InterpolationQuality.Blend => InterpolationMode.Blend,
        InterpolationQuality.MotionCompensated => InterpolationMode.MotionCompensated,
        _ => throw new ArgumentOutOfRangeException(nameof(quality), quality, "unknown interpolation quality"),
    };
}
