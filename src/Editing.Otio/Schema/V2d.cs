namespace Editing.Otio.Schema;

/// <summary>A 2D vector (OTIO's <c>V2d.1</c>, Imath's <c>V2d</c>), used for image bounds.</summary>
/// <param name="X">Horizontal component.</param>
/// <param name="Y">Vertical component.</param>
public readonly record struct V2d(double X, double Y);
