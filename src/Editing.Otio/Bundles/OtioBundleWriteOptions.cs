using Editing.Otio.Serialization;

namespace Editing.Otio.Bundles;

/// <summary>How a bundle (<c>.otioz</c> or <c>.otiod</c>) is written.</summary>
public sealed record OtioBundleWriteOptions
{
    /// <summary>The defaults: <see cref="OtioBundleMediaPolicy.ErrorIfNotFile"/>, relative media paths against the working directory, the default JSON writer options.</summary>
    public static OtioBundleWriteOptions Default { get; } = new();

    /// <summary>What to do with media references that are not local files.</summary>
    public OtioBundleMediaPolicy MediaPolicy { get; init; } = OtioBundleMediaPolicy.ErrorIfNotFile;

    /// <summary>
    /// The folder relative media paths (bare paths such as <c>shots/a.mov</c>) are resolved against; null for the
    /// process's working directory.
    /// </summary>
    public string? RelativeMediaBaseDir { get; init; }

    /// <summary>How <c>content.otio</c> is written (schema target and indent; the default indents by 4 as the reference library does).</summary>
    public OtioWriteOptions WriteOptions { get; init; } = OtioWriteOptions.Default;
}
