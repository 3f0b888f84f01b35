using Editing.Media;

namespace Editing.Host.Media;

/// <summary>Forwards the media layer's progress as a 0..1 fraction, synchronously and never backwards.</summary>
internal sealed class ProgressAdapter(IProgress<double> target) : IProgress<MediaProgress>
{
    private readonly Lock _gate = new();
    private double _last = -1;

    public static IProgress<MediaProgress>? For(IProgress<double>? target) => target is null ? null : new ProgressAdapter(target);

    public void Report(MediaProgress value)
    {
        if (value.Fraction is not { } fraction)
        {
            return;
        }

        lock (_gate)
        {
            if (fraction <= _last)
            {
                return;
            }

            _last = fraction;
        }

        target.Report(fraction);
    }
}
