namespace Editing.Sdk.Media;

/// <summary>Layout of raw frame pixels handed to and from plugins: packed RGB, top row first.</summary>
public enum FramePixelFormat
{
    /// <summary>3 bytes per pixel, R G B, 8 bits each.</summary>
    Rgb24,

    /// <summary>6 bytes per pixel, R G B, 16 bits each, little-endian.</summary>
    Rgb48,
}
