namespace Editing.Interchange.Edl;

/// <summary>Which NLE's comment conventions the EDL writer follows.</summary>
public enum EdlStyle
{
    /// <summary>Avid Media Composer: media paths as <c>* FROM CLIP: url</c>.</summary>
    Avid,

    /// <summary>Nucoda: media paths as <c>* FROM FILE: url</c>.</summary>
    Nucoda,

    /// <summary>Premiere: reel <c>AX</c>, clip names from the media file name, paths as <c>* OTIO REFERENCE FROM: url</c>.</summary>
    Premiere,
}
