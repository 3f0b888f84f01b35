using Editing.Media.Probe;

namespace Editing.Media.Transcoding;

/// <summary>
/// Videos this process wrote with <see cref="RawVideoWriter"/> and checked (frame count from the file's track tables):
/// their spec and frame count, so that deciding whether one is already conformed, or muxing audio beside it, needs no
/// ffprobe run. Known by path or, on Linux, by file identity (a hard link or a rename keeps it), and only while the
/// file is unchanged (<see cref="FileStamp"/>). Facts come from what was asked of ffmpeg and what the container holds;
/// nothing here imitates a probe.
/// </summary>
internal static class WrittenVideos
{
    private static readonly FileMemo<Facts> Written = new();

    /// <summary>What is known of a written video: the spec it was encoded with and its frame count.</summary>
    public sealed record Facts(EncodeSpec Spec, long FrameCount)
    {
        /// <summary>Whether the file already is what <paramref name="conform"/> asks, as <see cref="Conformer.IsConformed"/>
        /// would decide from its probe (tests compare the two).</summary>
        public bool Satisfies(ConformSpec conform)
        {
            var pixelFormat = EncodeGraph.PixelFormatOf(Spec);
            return conform.Overlays.Count == 0
                && !conform.BurnInTimecode
                && conform.Rate.IsValid
                // Not FFV1: ffmpeg 5.1 stores no colour range for it in QuickTime, so its probe never passes.
                && conform.Codec is CodecProfile.ProRes422HQ or CodecProfile.ProRes422 or CodecProfile.ProRes422LT or CodecProfile.ProRes422Proxy
                    or CodecProfile.DnxhrHQ or CodecProfile.DnxhrSQ
                && Spec.Codec == conform.Codec
                && Spec.Width == conform.Width
                && Spec.Height == conform.Height
                && pixelFormat.StartsWith("yuv", StringComparison.Ordinal)
                && pixelFormat == EncodeGraph.PixelFormatOf(conform)
                && Spec.Rate == conform.Rate
                && FrameCount == conform.FrameCount;
        }
    }

    public static void Remember(string fullPath, Facts facts) => Written.Store(fullPath, FileStamp.Of(fullPath), facts);

    /// <summary>The facts of <paramref name="fullPath"/> when this process wrote it and it is unchanged since.</summary>
    public static Facts? Find(string fullPath) => Written.Find(fullPath, FileStamp.Of(fullPath));
}
