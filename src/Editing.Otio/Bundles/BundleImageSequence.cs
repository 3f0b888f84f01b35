using Editing.Otio.Schema;

namespace Editing.Otio.Bundles;

/// <summary>
/// The frame files of an <see cref="ImageSequenceReference"/> for bundling, through its own helpers
/// (otio-format.md §8.10), guarded against values for which those helpers have no answer.
/// </summary>
internal static class BundleImageSequence
{
    /// <summary>
    /// The number of images (<see cref="ImageSequenceReference.NumberOfImagesInSequence"/>); 0 without an available
    /// range, with a zero-length one, or with a rate or frame step that is not positive and finite.
    /// </summary>
    internal static long ImageCount(ImageSequenceReference seq)
    {
        if (seq.AvailableRange is not { } range || !(range.Duration.Value > 0) || !double.IsFinite(range.Duration.Value)
            || !(seq.Rate > 0) || !double.IsFinite(seq.Rate) || seq.FrameStep <= 0)
        {
            return 0;
        }
        var count = seq.NumberOfImagesInSequence();
        return count > 0 ? count : 0;
    }

    /// <summary>The URL of image <paramref name="index"/> (<see cref="ImageSequenceReference.TargetUrlForImageNumber"/>); index below <see cref="ImageCount"/>.</summary>
    internal static string UrlForImage(ImageSequenceReference seq, long index) => seq.TargetUrlForImageNumber(index);
}
