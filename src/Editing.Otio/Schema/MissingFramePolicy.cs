namespace Editing.Otio.Schema;

/// <summary>What a player does with a frame missing from an image sequence.</summary>
public enum MissingFramePolicy
{
    /// <summary>Fail (<c>error</c>).</summary>
    Error,
    /// <summary>Hold the previous frame (<c>hold</c>).</summary>
    Hold,
    /// <summary>Show black (<c>black</c>).</summary>
    Black,
}
