using System.Globalization;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Remote;

/// <summary>A downloaded output made into what the request asked for.</summary>
/// <param name="Path">The file.</param>
/// <param name="FrameCount">Its frames.</param>
/// <param name="Size">Its size.</param>
/// <param name="Rate">Its rate.</param>
/// <param name="Warnings">What was done to it that the editor should know.</param>
internal sealed record DeliveredVideo(string Path, long FrameCount, PixelSize Size, VideoRate Rate, IReadOnlyList<string> Warnings);

/// <summary>
/// Vendors return whole seconds at their own size and rate; the request asks for an exact frame count, size and rate.
/// The frames are taken one for one (a 24 fps output plays at 24000/1001 on such a timeline), scaled to the requested
/// size, and cut to the requested count: the first frames when the request starts on a given frame, the last when it
/// only ends on one. With both a first and a last frame the whole output is retimed into the requested count, so it
/// still starts and ends on them. When the file already matches, it is returned as is (no re-encode): a host that
/// negotiates the request to the model's native shape gets the vendor's file untouched.
/// </summary>
internal static class Delivery
{
    /// <summary>Delivers <paramref name="downloaded"/> for <paramref name="plan"/> into <paramref name="scratch"/>.</summary>
    public static async Task<DeliveredVideo> DeliverAsync(IMediaServices media, GenerationPlan plan, string downloaded, string scratch,
        string providerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(plan);
        var request = plan.Request;
        MediaDescription probe;
        try
        {
            probe = await media.ProbeAsync(downloaded, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new RemoteProviderException(RemoteFailure.MalformedResponse, $"{providerId}: the downloaded output is not a readable video ({e.Message})");
        }

        if (probe.Size is not { } size || probe.Rate is not { } rate || probe.FrameCount <= 0)
        {
            throw new RemoteProviderException(RemoteFailure.MalformedResponse, $"{providerId}: the downloaded output has no video stream");
        }

        if (size == request.Size && rate == request.Rate && probe.FrameCount == request.FrameCount)
        {
            return new DeliveredVideo(downloaded, probe.FrameCount, size, rate, []);
        }

        var warnings = new List<string>();
        var output = Path.Combine(scratch, $"delivered-{Guid.NewGuid():N}.mov");
        var spec = new VideoWriteSpec { Size = request.Size, Rate = request.Rate, FrameCount = request.FrameCount };
        if (plan.FirstFrame is not null && plan.LastFrame is not null && probe.FrameCount != request.FrameCount)
        {
            await media.RetimeAsync(downloaded, 0, probe.FrameCount, spec, InterpolationQuality.Duplicate, output, null, cancellationToken).ConfigureAwait(false);
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"the model made {probe.FrameCount} frames between the first and last frame; they were retimed into the {request.FrameCount} requested"));
            return new DeliveredVideo(output, request.FrameCount, request.Size, request.Rate, warnings);
        }

        if (probe.FrameCount < request.FrameCount)
        {
            throw new RemoteProviderException(RemoteFailure.Failed, string.Create(CultureInfo.InvariantCulture,
                $"{providerId}: model {plan.Model.Id} returned {probe.FrameCount} frames, fewer than the {request.FrameCount} requested"));
        }

        var fromEnd = plan.LastFrame is not null && plan.FirstFrame is null;
        var first = fromEnd ? probe.FrameCount - request.FrameCount : 0;
        var writer = media.CreateWriter(output, spec);
        await using (writer.ConfigureAwait(false))
        {
            var n = 0;
            await foreach (var frame in media.ReadFramesAsync(downloaded, first, request.FrameCount, request.Size, FramePixelFormat.Rgb24, cancellationToken)
                .ConfigureAwait(false))
            {
                await writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                if (++n == request.FrameCount)
                {
                    break;
                }
            }

            if (n != request.FrameCount)
            {
                throw new RemoteProviderException(RemoteFailure.MalformedResponse, string.Create(CultureInfo.InvariantCulture,
                    $"{providerId}: the downloaded output decoded to {n} frames, fewer than the {request.FrameCount} requested"));
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (probe.FrameCount > request.FrameCount)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"the model made {probe.FrameCount} frames ({plan.Seconds} s, its shortest allowed length); the {(fromEnd ? "last" : "first")} {request.FrameCount} were kept"));
        }

        return new DeliveredVideo(output, request.FrameCount, request.Size, request.Rate, warnings);
    }
}
