namespace Editing.Media.Transcoding;

/// <summary>
/// Text burnt into every frame (slate lines, prompts, "GENERATED" labels). The text is handed to drawtext through a
/// temporary UTF-8 file with expansion off, so any characters (quotes, colons, <c>%</c>, backslashes, newlines,
/// non-ASCII) are drawn as written.
/// </summary>
public sealed record TextOverlay
{
    /// <summary>The text; a newline starts a new line.</summary>
    public required string Text { get; init; }

    /// <summary>Where the text sits.</summary>
    public OverlayPosition Position { get; init; } = OverlayPosition.BottomLeft;

    /// <summary>Font size in pixels; null for 1/24 of the output height.</summary>
    public int? FontSize { get; init; }

    /// <summary>Use the monospaced font (DejaVu Sans Mono Bold) instead of DejaVu Sans Bold.</summary>
    public bool Monospace { get; init; }

    /// <summary>Text colour in ffmpeg's colour syntax (<c>white</c>, <c>#FFCC00</c>, <c>yellow@0.8</c>).</summary>
    public string Color { get; init; } = "white";

    /// <summary>Draw a half-transparent black box behind the text for legibility.</summary>
    public bool Box { get; init; } = true;
}
