using Editing.Providers.Previs.Pixels;
using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Modes;

/// <summary>
/// Video-to-video: the source recoloured towards the first reference image (or, without one, a grade chosen by the
/// seed and prompt) with a <see cref="ColorTransfer"/>. The
/// source's statistics come from every frame of its range (sampled every <see cref="SampleStep"/> pixels), so the
/// grade does not flicker; the amount is the request's strength (default <see cref="DefaultStrength"/>) times the
/// reference's weight.
/// </summary>
internal static class Restyle
{
    public const double DefaultStrength = 0.8;
    private const int SampleStep = 4;

    public static async Task<ModeOutcome> GenerateAsync(PrevisJob job)
    {
        var request = job.Request;
        var source = request.Source!;
        var reference = request.References.Count > 0 ? request.References[0] : null;
        var token = job.CancellationToken;

        job.Progress(0, "measuring the reference");
        var referenceStats = new ColorTransfer.Statistics();
        if (reference is not null)
        {
            await foreach (var frame in job.Media.ReadFramesAsync(reference.Path, 0, 1, null, FramePixelFormat.Rgb24, token).ConfigureAwait(false))
            {
                referenceStats.Add(frame, SampleStep);
            }
        }

        var sourceStats = new ColorTransfer.Statistics();
        var measured = 0;
        var sourceCount = (int)Math.Min(source.FrameCount, int.MaxValue);
        await foreach (var frame in job.Media.ReadFramesAsync(source.Path, source.FirstFrame, sourceCount, null, FramePixelFormat.Rgb24, token)
            .ConfigureAwait(false))
        {
            token.ThrowIfCancellationRequested();
            sourceStats.Add(frame, SampleStep);
            job.Progress(0.3 * ++measured / sourceCount, "measuring the source");
        }

        // Without a reference image the look is a seeded grade of the source (prompt and seed pick it).
        if (reference is null)
        {
            referenceStats = ColorTransfer.Statistics.Look(sourceStats, request.Seed, request.Prompt);
        }

        var amount = Math.Clamp((request.Strength ?? DefaultStrength) * Math.Clamp(reference?.Weight ?? 1, 0, 1), 0, 1);
        var transfer = ColorTransfer.Between(sourceStats, referenceStats, amount);
        var (width, height) = (request.Size.Width, request.Size.Height);
        var path = await job.EncodeAsync(job.Spec(), Frames(), 0.3, 1, "restyling").ConfigureAwait(false);
        return ModeOutcome.Of(path, ("reference", reference?.Path ?? $"seeded look {request.Seed}"), ("amount", amount));

        async IAsyncEnumerable<VideoFrame> Frames()
        {
            var buffers = Rgb48.Pair(width, height);
            var i = 0;
            await foreach (var frame in SourceFrames.MappedAsync(job.Media, source, request.FrameCount, request.Size, FramePixelFormat.Rgb48, token)
                .ConfigureAwait(false))
            {
                var output = buffers[i++ & 1];
                transfer.Apply(frame, output);
                yield return output;
            }
        }
    }
}
