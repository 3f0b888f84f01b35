using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Pixels;

/// <summary>
/// Unsharp mask: the picture plus <c>amount</c> × (picture − its 3×3 binomial blur), edges clamped. Restores some
/// crispness after an upscale without ringing much.
/// </summary>
internal static class Sharpen
{
    public static void Apply(VideoFrame source, VideoFrame target, float amount)
    {
        var width = source.Width;
        var height = source.Height;
        Parallel.For(0, height, y =>
        {
            var pixels = Rgb48.Values(source);
            var output = Rgb48.Values(target);
            var above = Math.Max(0, y - 1) * width * 3;
            var here = y * width * 3;
            var below = Math.Min(height - 1, y + 1) * width * 3;
            for (var x = 0; x < width; x++)
            {
                var left = Math.Max(0, x - 1) * 3;
                var centre = x * 3;
                var right = Math.Min(width - 1, x + 1) * 3;
                for (var c = 0; c < 3; c++)
                {
                    float blur =
                        pixels[above + left + c] + (2 * pixels[above + centre + c]) + pixels[above + right + c]
                        + (2 * pixels[here + left + c]) + (4 * pixels[here + centre + c]) + (2 * pixels[here + right + c])
                        + pixels[below + left + c] + (2 * pixels[below + centre + c]) + pixels[below + right + c];
                    float value = pixels[here + centre + c];
                    output[here + centre + c] = Rgb48.Clamp(value + (amount * (value - (blur / 16f))));
                }
            }
        });
    }
}
