using Editing.Otio.Algorithms;
using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>Range queries of transitions (otio-format.md §8.1, §8.4).</summary>
public partial class Transition
{
    private const string NoParentForRange = "cannot compute range in parent because item has no parent";
    private const string NoParentForTrimmedRange = "cannot compute trimmed range in parent because item has no parent";

    /// <summary>
    /// The transition's range in its parent's time frame: in a track it starts its in offset before the cut and lasts
    /// in offset + out offset (e.g. in 6, out 4 after 24 frames of clip → [18,+10)).
    /// </summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.NotAChild"/> without a parent; otherwise as <see cref="Composition.RangeOfChild"/>.</exception>
    public TimeRange RangeInParent()
        => (Parent ?? throw ReferenceErrors.Create(OtioErrorKind.NotAChild, NoParentForRange)).RangeOfChild(this);

    /// <summary>The transition's range in its parent's time frame clipped to the parent's source range; null when nothing remains.</summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.NotAChild"/> without a parent; otherwise as <see cref="Composition.TrimmedRangeOfChild"/>.</exception>
    public TimeRange? TrimmedRangeInParent()
        => (Parent ?? throw ReferenceErrors.Create(OtioErrorKind.NotAChild, NoParentForTrimmedRange)).TrimmedRangeOfChild(this);
}
