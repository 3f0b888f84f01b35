namespace Editing.Providers.Previs.Pixels;

/// <summary>
/// Where an output pixel reads the source: <c>sx = A·x + B·y + C</c>, <c>sy = D·x + E·y + F</c>, in pixel
/// coordinates (pixel i at coordinate i, y down).
/// </summary>
internal readonly record struct Affine(double A, double B, double C, double D, double E, double F)
{
    public static Affine Identity { get; } = new(1, 0, 0, 0, 1, 0);

    public static Affine Translation(double dx, double dy) => new(1, 0, -dx, 0, 1, -dy);

    /// <summary>
    /// The inverse map of moving the picture's content by (<paramref name="tx"/>, <paramref name="ty"/>) pixels,
    /// scaling it by <paramref name="scale"/> and turning it by <paramref name="angle"/> radians counter-clockwise as
    /// seen (y down), all about the frame centre (<paramref name="cx"/>, <paramref name="cy"/>).
    /// </summary>
    public static Affine ContentMove(double cx, double cy, double tx, double ty, double scale, double angle)
    {
        // Forward: o = c + S·R(angle)·(s − c) + t, with R turning counter-clockwise on screen (y down):
        // R = [cos, sin; −sin, cos]. Inverse: s = c + R(−angle)·(o − c − t) / S.
        var cos = Math.Cos(angle) / scale;
        var sin = Math.Sin(angle) / scale;
        var a = cos;
        var b = -sin;
        var d = sin;
        var e = cos;
        var ox = cx + tx;
        var oy = cy + ty;
        return new Affine(a, b, cx - (a * ox) - (b * oy), d, e, cy - (d * ox) - (e * oy));
    }
}
