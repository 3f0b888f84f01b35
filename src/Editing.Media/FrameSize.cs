namespace Editing.Media;

/// <summary>A picture size in pixels (square pixels assumed).</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct FrameSize(int Width, int Height)
{
    /// <summary>True when both sides are positive.</summary>
    public bool IsValid => Width > 0 && Height > 0;

    /// <summary><c>"WxH"</c>, e.g. <c>"1920x1080"</c>.</summary>
    public override string ToString() => $"{Width}x{Height}";
}
