namespace Editing.Media.Transcoding;

/// <summary>
/// The delivery codecs the media layer writes. Each goes in its usual container: ProRes and DNxHR in <c>.mov</c>,
/// H.264 in <c>.mp4</c>, FFV1 also in <c>.mov</c> (QuickTime stores exact frame and sample counts and a timecode
/// track, which Matroska does not); an output path with another extension is refused.
/// </summary>
public enum CodecProfile
{
    /// <summary>Apple ProRes 422 HQ (<c>prores_ks -profile:v 3</c>, <c>yuv422p10le</c>, fixed <c>-qscale:v</c>), <c>.mov</c>.</summary>
    ProRes422HQ,
    /// <summary>Apple ProRes 422 (<c>prores_ks -profile:v 2</c>), <c>.mov</c>.</summary>
    ProRes422,
    /// <summary>Apple ProRes 422 LT (<c>prores_ks -profile:v 1</c>), <c>.mov</c>.</summary>
    ProRes422LT,
    /// <summary>Apple ProRes 422 Proxy (<c>prores_ks -profile:v 0</c>), <c>.mov</c>.</summary>
    ProRes422Proxy,
    /// <summary>Avid DNxHR HQ (<c>dnxhd -profile:v dnxhr_hq</c>, 8-bit <c>yuv422p</c>), <c>.mov</c>.</summary>
    DnxhrHQ,
    /// <summary>Avid DNxHR SQ (<c>dnxhd -profile:v dnxhr_sq</c>, 8-bit <c>yuv422p</c>), <c>.mov</c>.</summary>
    DnxhrSQ,
    /// <summary>H.264 for review (<c>libx264 -preset veryfast -crf 18</c>, <c>yuv420p</c>, even sizes only), <c>.mp4</c>; audio is AAC.</summary>
    H264Review,
    /// <summary>FFV1 lossless (<c>ffv1 -level 3</c>, intra only, <c>yuv444p10le</c> by default), <c>.mov</c>.</summary>
    Ffv1,
}
