using System.Globalization;
using System.Text.Json;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Previs;

/// <summary>One generation in progress: the request, the host's services, the cancellation and the output file.</summary>
internal sealed class PrevisJob(GenerationRequest request, ProviderContext context, CancellationToken cancellationToken)
{
    public GenerationRequest Request { get; } = request;

    public ProviderContext Context { get; } = context;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public IMediaServices Media => Context.Media;

    public PixelSize Size => Request.Size;

    /// <summary><c>SCRATCH/previs-image-to-video-SEED.mov</c>: the result is named after what it is.</summary>
    public string OutputPath => Path.Combine(
        Context.ScratchDirectory,
        string.Create(CultureInfo.InvariantCulture, $"previs-{JsonNamingPolicy.KebabCaseLower.ConvertName(Request.Mode.ToString())}-{Request.Seed}.mov"));

    /// <summary>The request's shape as 16-bit frames (no burn-ins unless given).</summary>
    public VideoWriteSpec Spec(IReadOnlyList<TextOverlay>? overlays = null, string? burnInTimecode = null) => new()
    {
        Size = Request.Size,
        Rate = Request.Rate,
        FrameCount = Request.FrameCount,
        InputFormat = FramePixelFormat.Rgb48,
        Overlays = overlays ?? [],
        BurnInTimecode = burnInTimecode,
    };

    public void Progress(double fraction, string? message = null) => Context.ReportProgress(fraction, message);

    /// <summary>An <see cref="IProgress{T}"/> mapping 0..1 of a media operation onto <paramref name="from"/>..<paramref name="to"/>.</summary>
    public IProgress<double> ProgressRange(double from, double to, string message) => new RangeProgress(this, from, to, message);

    /// <summary>
    /// Encodes <paramref name="frames"/> (exactly the request's count) into <see cref="OutputPath"/>, reporting progress
    /// from <paramref name="from"/> to <paramref name="to"/> and checking cancellation before every frame. The next frame
    /// is computed while the previous one is being handed to the encoder, so a producer must leave a frame it yielded
    /// untouched until it is asked for the frame after the next (two alternating buffers are enough).
    /// </summary>
    public async Task<string> EncodeAsync(VideoWriteSpec spec, IAsyncEnumerable<VideoFrame> frames, double from, double to, string message)
    {
        var token = CancellationToken;
        var path = OutputPath;
        await using var writer = Media.CreateWriter(path, spec);
        var pending = Task.CompletedTask;
        var index = 0;
        try
        {
            await foreach (var frame in frames.WithCancellation(token).ConfigureAwait(false))
            {
                token.ThrowIfCancellationRequested();
                await pending.ConfigureAwait(false);
                pending = writer.WriteAsync(frame, token).AsTask();
                index++;
                Progress(from + ((to - from) * index / spec.FrameCount), message);
            }

            await pending.ConfigureAwait(false);
        }
        catch when (!pending.IsCompleted)
        {
            // The producer failed while a frame was being written: let that write finish (or fail) before the writer is
            // disposed, which stops the encoder and deletes the partial file.
            await pending.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                .ConfigureAwait(false);
            throw;
        }

        await writer.CompleteAsync(token).ConfigureAwait(false);
        return writer.Path;
    }

    private sealed class RangeProgress(PrevisJob job, double from, double to, string message) : IProgress<double>
    {
        public void Report(double value) => job.Progress(from + ((to - from) * Math.Clamp(value, 0, 1)), message);
    }
}
