namespace Editing.Media.Transcoding;

/// <summary>
/// What an output must look like: rate, size (with a <see cref="ScalePolicy"/>), codec, pixel format, start
/// timecode, overlays and optional audio. Outputs are deterministic: the same input and spec give byte-identical
/// files (bit-exact muxing, no creation time, no version strings, fixed encoder settings).
/// </summary>
public record EncodeSpec
{
    /// <summary>The output frame rate (exact).</summary>
    public required FrameRate Rate { get; init; }

    /// <summary>Output width in pixels (even for 4:2:2 and 4:2:0 codecs).</summary>
    public required int Width { get; init; }

    /// <summary>Output height in pixels (even for 4:2:0 codecs).</summary>
    public required int Height { get; init; }

    /// <summary>How pictures of another aspect ratio are fitted; default <see cref="ScalePolicy.Fit"/>.</summary>
    public ScalePolicy Scale { get; init; } = ScalePolicy.Fit;

    /// <summary>The codec and profile; default ProRes 422 HQ.</summary>
    public CodecProfile Codec { get; init; } = CodecProfile.ProRes422HQ;

    /// <summary>
    /// ffmpeg pixel format of the encoded video; null for the codec's own (<c>yuv422p10le</c> ProRes,
    /// <c>yuv422p</c> DNxHR, <c>yuv420p</c> H.264, <c>yuv444p10le</c> FFV1).
    /// </summary>
    public string? PixelFormat { get; init; }

    /// <summary>
    /// ProRes quantiser (<c>-qscale:v</c>, 1 best … 32 smallest); default 4. A fixed quantiser keeps
    /// <c>prores_ks</c> about 8× faster than its default rate control.
    /// </summary>
    public int ProResQScale { get; init; } = 4;

    /// <summary>
    /// The start timecode stamped into the file (<c>HH:MM:SS:FF</c>, <c>HH:MM:SS;FF</c> for drop-frame): the
    /// <c>timecode</c> tag and QuickTime <c>tmcd</c> track. Null: operations that read a source keep its timecode,
    /// the others write none.
    /// </summary>
    public string? StartTimecode { get; init; }

    /// <summary>Burn a running timecode (from <see cref="StartTimecode"/>, else 00:00:00:00) into the bottom right of every frame.</summary>
    public bool BurnInTimecode { get; init; }

    /// <summary>Text drawn on every frame, in order.</summary>
    public IReadOnlyList<TextOverlay> Overlays { get; init; } = [];

    /// <summary>The audio track to write, or null for video only.</summary>
    public AudioSpec? Audio { get; init; }
}
