namespace Editing.Otio.Bundles;

/// <summary>
/// What writing a bundle does with media references that cannot be copied into it, as the reference library's
/// <c>MediaReferencePolicy</c>.
/// </summary>
public enum OtioBundleMediaPolicy
{
    /// <summary>
    /// The default: a reference that is not a local file (an <c>https:</c> URL, a generator, an image sequence whose
    /// frames cannot be listed) or whose file does not exist fails the whole write.
    /// </summary>
    ErrorIfNotFile,

    /// <summary>
    /// Such a reference becomes a <see cref="Schema.MissingReference"/> that keeps its name and metadata and adds the
    /// metadata keys <c>missing_reference_because</c> and <c>original_target_url</c>; the other media is copied.
    /// </summary>
    MissingIfNotFile,

    /// <summary>Every reference that is not already missing becomes a missing reference that way; no media is copied.</summary>
    AllMissing,
}
