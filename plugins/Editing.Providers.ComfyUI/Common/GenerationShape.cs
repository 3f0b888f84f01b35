using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Common;

/// <summary>
/// The size, rate and frame count a model generates for a request, as the host negotiates them (native size nearest
/// the aspect or the size rounded to the multiple; the nearest native rate; the duration at that rate rounded up to
/// the frame grid). The host normally sends requests already in this shape, so this is the identity; a host that
/// does not negotiate still gets a request the model can run, and <see cref="ResultAdapter"/> brings the result back.
/// </summary>
internal readonly record struct GenerationShape(PixelSize Size, VideoRate Rate, int FrameCount)
{
    public static GenerationShape For(ModelCapabilities model, GenerationRequest request)
    {
        var size = request.Size;
        if (model.NativeSizes.Count > 0 && !model.NativeSizes.Contains(size))
        {
            var aspect = Math.Log(size.Width / (double)Math.Max(1, size.Height));
            var area = Math.Log((double)Math.Max(1, size.Width) * Math.Max(1, size.Height));
            size = model.NativeSizes
                .OrderBy(s => Math.Round(Math.Abs(Math.Log(s.Width / (double)s.Height) - aspect), 6))
                .ThenBy(s => Math.Abs(Math.Log((double)s.Width * s.Height) - area))
                .First();
        }
        else if (model.NativeSizes.Count == 0 && model.SizeMultiple > 1)
        {
            var m = model.SizeMultiple;
            size = new PixelSize(Math.Max(m, (int)Math.Round(size.Width / (double)m, MidpointRounding.AwayFromZero) * m),
                Math.Max(m, (int)Math.Round(size.Height / (double)m, MidpointRounding.AwayFromZero) * m));
        }

        var rate = request.Rate;
        if (model.NativeRates.Count > 0 && !model.NativeRates.Any(r => (long)r.Numerator * rate.Denominator == (long)rate.Numerator * r.Denominator))
        {
            rate = model.NativeRates.OrderBy(r => Math.Abs(r.FramesPerSecond - request.Rate.FramesPerSecond)).ThenByDescending(r => r.FramesPerSecond).First();
        }

        var numerator = (Int128)request.FrameCount * rate.Numerator * request.Rate.Denominator;
        var denominator = (Int128)request.Rate.Numerator * rate.Denominator;
        var frames = Math.Max(1, (long)((numerator + denominator - 1) / denominator));
        if (model.MinDuration is { } min)
        {
            frames = Math.Max(frames, (long)Math.Ceiling((min.ToSeconds() * rate.FramesPerSecond) - 1e-9));
        }

        frames = model.FrameGrid.RoundUp(frames);
        return new GenerationShape(size, rate, (int)Math.Min(int.MaxValue, frames));
    }

    public bool Matches(GenerationRequest request) => Size == request.Size && Rate == request.Rate && FrameCount == request.FrameCount;
}
