namespace Editing.Interchange.Edl;

/// <summary>How to write a CMX 3600 EDL (the reference adapter's <c>rate</c>, <c>style</c> and <c>reelname_len</c>).</summary>
public sealed record EdlWriteOptions
{
    /// <summary>The default: the first track's rate, Avid style, reel names cut to 8 characters, no flattening.</summary>
    public static EdlWriteOptions Default { get; } = new();

    /// <summary>Frames per second of the written timecodes; null uses the rate of the first track's duration.</summary>
    public double? Rate { get; init; }

    /// <summary>The comment conventions.</summary>
    public EdlStyle Style { get; init; } = EdlStyle.Avid;

    /// <summary>
    /// Reel names made from clip or file names are stripped to letters, digits and spaces and cut or padded to this
    /// many characters (8, the CMX 3600 limit). Null keeps long names as they are (and <see cref="Warn"/> is told
    /// about each reel longer than 8). Reels stored in the clip's <c>cmx_3600.reel</c> metadata are written as read.
    /// </summary>
    public int? ReelNameLength { get; init; } = 8;

    /// <summary>
    /// An EDL has one video track. With more than one enabled video track the writer refuses, unless this is set:
    /// then the video tracks are flattened into one (the topmost visible item wins) before writing.
    /// </summary>
    public bool FlattenVideoTracks { get; init; }

    /// <summary>Receives warnings (long reel names kept); null ignores them.</summary>
    public Action<string>? Warn { get; init; }
}
