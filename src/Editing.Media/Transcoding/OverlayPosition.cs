namespace Editing.Media.Transcoding;

/// <summary>Where a text overlay sits; a margin of 1/30 of the picture height is kept from the edges.</summary>
public enum OverlayPosition
{
    /// <summary>Top left corner.</summary>
    TopLeft,
    /// <summary>Top edge, centred.</summary>
    TopCenter,
    /// <summary>Top right corner.</summary>
    TopRight,
    /// <summary>Centre of the picture.</summary>
    Center,
    /// <summary>Bottom left corner.</summary>
    BottomLeft,
    /// <summary>Bottom edge, centred.</summary>
    BottomCenter,
    /// <summary>Bottom right corner.</summary>
    BottomRight,
}
