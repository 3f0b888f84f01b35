namespace Editing.Otio.Schema;

/// <summary>
/// Media as numbered image files (<c>ImageSequenceReference.1</c>): <c>base/prefix + number + suffix</c>, numbers from
/// <see cref="StartFrame"/> in steps of <see cref="FrameStep"/>, zero-padded to <see cref="FrameZeroPadding"/> digits.
/// </summary>
public partial class ImageSequenceReference : MediaReference
{
    /// <inheritdoc/>
    public override string SchemaName => "ImageSequenceReference";

    /// <summary>The folder URL the images are in.</summary>
    public string TargetUrlBase { get; set; } = string.Empty;

    /// <summary>The file name before the number.</summary>
    public string NamePrefix { get; set; } = string.Empty;

    /// <summary>The file name after the number, e.g. <c>.exr</c>.</summary>
    public string NameSuffix { get; set; } = string.Empty;

    /// <summary>The number of the first image.</summary>
    public long StartFrame { get; set; } = 1;

    /// <summary>The step between image numbers.</summary>
    public long FrameStep { get; set; } = 1;

    /// <summary>The sequence's frame rate.</summary>
    public double Rate { get; set; } = 1;

    /// <summary>The number of digits the number is padded to.</summary>
    public long FrameZeroPadding { get; set; }

    /// <summary>What to do with missing images.</summary>
    public MissingFramePolicy MissingFramePolicy { get; set; } = MissingFramePolicy.Error;
}
