namespace Editing.Sdk.Media;

/// <summary>A frame size in pixels.</summary>
/// <param name="Width">Pixels across, &gt; 0.</param>
/// <param name="Height">Pixels down, &gt; 0.</param>
public readonly record struct PixelSize(int Width, int Height)
{
    /// <summary>1920×1080, the size assumed when neither the timeline nor the media says otherwise.</summary>
    public static PixelSize Hd1080 { get; } = new(1920, 1080);

    /// <summary><c>1920x1080</c>.</summary>
    public override string ToString() => $"{Width}x{Height}";
}
