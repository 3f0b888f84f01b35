using Editing.Providers.Previs.Pixels;
using Editing.Sdk.Controls;

namespace Editing.Providers.Previs.Modes;

/// <summary>
/// How previs-1 turns a <see cref="CameraMotion"/> into a move of a still picture. At progress p (0 = the still as it
/// is, 1 = the end of the move, −1 = the start of a move that ends on the still), with W×H the frame:
/// <list type="bullet">
/// <item>pan and tilt turn a virtual lens with a 60° horizontal field of view by up to ±30° (intensity × 30°),
/// approximated by moving the picture f·tan(angle) pixels, f = (W/2)/tan 30° (pan 1 = half a frame width);</item>
/// <item>roll turns the picture by up to ±30°;</item>
/// <item>zoom scales it by up to 1.5× in (zoom 1) or 1/1.5 out (zoom −1), evenly in log scale over the move;</item>
/// <item>truck and pedestal move it by up to one frame width or height;</item>
/// <item>a slight overscan (up to 12 %, growing with |p|) keeps most edges filled; anything still outside the picture
/// is filled by mirroring it.</item>
/// </list>
/// Signs follow the SDK: a camera turning right, moving right or rolling clockwise makes the picture move left or turn
/// counter-clockwise on screen.
/// </summary>
internal static class CameraPath
{
    private const double ReferenceAngle = Math.PI / 6;
    private const double MaxRoll = Math.PI / 6;
    private const double MaxZoom = 0.5;
    private const double MaxOverscan = 0.12;

    /// <summary>The move used when a request gives none, so a still never plays as a freeze: a gentle push-in.</summary>
    public static CameraMotion DefaultMotion { get; } = new() { Zoom = 0.2, Easing = Easing.EaseInOut };

    /// <summary>Eased progress for linear progress <paramref name="u"/> in 0..1.</summary>
    public static double Ease(Easing easing, double u) => easing switch
    {
        Easing.EaseIn => u * u,
        Easing.EaseOut => 1 - ((1 - u) * (1 - u)),
        Easing.EaseInOut => u * u * (3 - (2 * u)),
        _ => u,
    };

    /// <summary>The source map of the picture at progress <paramref name="p"/> (−1..1) of <paramref name="motion"/>.</summary>
    public static Affine Map(CameraMotion motion, double p, int width, int height)
    {
        var focal = width / 2.0 / Math.Tan(ReferenceAngle);
        var endX = -((focal * Math.Tan(motion.Pan * ReferenceAngle)) + (motion.Truck * width));
        var endY = (focal * Math.Tan(motion.Tilt * ReferenceAngle)) + (motion.Pedestal * height);
        var endAngle = motion.Roll * MaxRoll;
        var endZoom = motion.Zoom >= 0 ? 1 + (MaxZoom * motion.Zoom) : 1 / (1 + (MaxZoom * -motion.Zoom));

        // The scale that would keep the whole frame covered at the end of the move, of which a little is applied.
        var aspect = Math.Max(width, height) / (double)Math.Min(width, height);
        var turn = Math.Cos(Math.Abs(endAngle)) + (aspect * Math.Sin(Math.Abs(endAngle)));
        var shift = 1 + (2 * Math.Max(Math.Abs(endX) / width, Math.Abs(endY) / height));
        var overscan = Math.Clamp((turn * shift / endZoom) - 1, 0, MaxOverscan);

        var scale = Math.Pow(endZoom, p) * (1 + (Math.Abs(p) * overscan));
        return Affine.ContentMove((width - 1) / 2.0, (height - 1) / 2.0, endX * p, endY * p, scale, endAngle * p);
    }
}
