namespace Editing.Media.Frames;

/// <summary>Bits per channel of an extracted PNG.</summary>
public enum PngBitDepth
{
    /// <summary>8 bits per channel (<c>rgb24</c>).</summary>
    Eight = 8,
    /// <summary>16 bits per channel (<c>rgb48be</c>), keeping 10-bit sources without banding.</summary>
    Sixteen = 16,
}
