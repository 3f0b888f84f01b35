namespace Editing.Otio.Bundles;

/// <summary>How a bundle (<c>.otioz</c> or <c>.otiod</c>) is read.</summary>
public sealed record OtioBundleReadOptions
{
    /// <summary>The defaults: nothing is extracted and media URLs are left as the bundle has them.</summary>
    public static OtioBundleReadOptions Default { get; } = new();

    /// <summary>
    /// For <c>.otioz</c> only: a folder to extract the whole archive into. It must not exist yet; it is created
    /// (through a temporary folder beside it, renamed into place when complete). Null reads only <c>content.otio</c>.
    /// </summary>
    public string? ExtractDirectory { get; init; }

    /// <summary>
    /// Rewrites relative media URLs (<c>media/a.mov</c>, image-sequence bases such as <c>media/</c>) to absolute
    /// <c>file://</c> URLs: against <see cref="ExtractDirectory"/> for <c>.otioz</c> (ignored without one) and against
    /// the bundle folder for <c>.otiod</c>.
    /// </summary>
    public bool AbsoluteMediaReferencePaths { get; init; }
}
