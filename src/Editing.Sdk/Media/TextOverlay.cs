namespace Editing.Sdk.Media;

/// <summary>
/// Text burnt into every frame a writer encodes (slates, shot names). Positions and sizes are fractions of the frame
/// so the same overlay works at any resolution.
/// </summary>
/// <param name="Text">Any text, including quotes, colons and percent signs; the host escapes it.</param>
/// <param name="X">Left edge as a fraction of the width (0 = left), or null to centre horizontally.</param>
/// <param name="Y">Top edge as a fraction of the height (0 = top).</param>
/// <param name="Size">Font height as a fraction of the frame height (0.05 = 54 px at 1080).</param>
public sealed record TextOverlay(string Text, double? X, double Y, double Size)
{
    /// <summary>Text colour as <c>#RRGGBB</c>.</summary>
    public string Color { get; init; } = "#FFFFFF";

    /// <summary>True to draw a translucent dark box behind the text.</summary>
    public bool Box { get; init; } = true;

    /// <summary>True for the monospaced font (timecode, numbers).</summary>
    public bool Monospace { get; init; }
}
