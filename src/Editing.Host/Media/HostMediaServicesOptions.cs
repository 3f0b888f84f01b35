using Editing.Media.Transcoding;

namespace Editing.Host.Media;

/// <summary>How <see cref="HostMediaServices"/> encodes what plugins write, and where it keeps its temporary files.</summary>
public sealed record HostMediaServicesOptions
{
    /// <summary>
    /// The codec of every file plugins write (frame writers, interpolations, retimes); default ProRes 422 HQ in
    /// <c>.mov</c>. An output path whose extension does not fit this codec's container gets that container's default
    /// codec instead (<c>.mov</c> → ProRes 422 HQ, <c>.mp4</c> → H.264 review), so a plugin never has to know the
    /// host's choice.
    /// </summary>
    public CodecProfile Codec { get; init; } = CodecProfile.ProRes422HQ;

    /// <summary>ProRes quantiser (1 best … 32 smallest), fixed so encodes are fast and deterministic; default 4.</summary>
    public int ProResQScale { get; init; } = 4;

    /// <summary>
    /// Folder for intermediate files (audio work files); each operation uses its own subfolder and deletes it. Null
    /// for <c>&lt;system temp&gt;/editing-media</c>. Final outputs are always written next to their final path and
    /// renamed into place, never here.
    /// </summary>
    public string? ScratchDirectory { get; init; }
}
