namespace Editing.Media.Frames;

/// <summary>Pixel layouts for frames exchanged as raw bytes (packed RGB, no padding between rows).</summary>
public enum RawPixelFormat
{
    /// <summary>8 bits per channel, R G B: 3 bytes per pixel (ffmpeg <c>rgb24</c>).</summary>
    Rgb24,
    /// <summary>16 bits per channel, little-endian, R G B: 6 bytes per pixel (ffmpeg <c>rgb48le</c>), full range 0..65535.</summary>
    Rgb48,
}
