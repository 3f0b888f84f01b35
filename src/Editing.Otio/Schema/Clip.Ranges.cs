using Editing.Otio.Algorithms;
using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>Range queries of clips (otio-format.md §7, §8.9).</summary>
public partial class Clip
{
    /// <summary>The active media reference's available range, in the media's own time frame.</summary>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.CannotComputeAvailableRange"/> when no media reference has the active key or the active
    /// one has no available range.
    /// </exception>
    public override TimeRange AvailableRange()
    {
        var media = MediaReference ?? throw ReferenceErrors.Create(OtioErrorKind.CannotComputeAvailableRange, ReferenceErrors.NoMediaReference);
        return media.AvailableRange ?? throw ReferenceErrors.Create(OtioErrorKind.CannotComputeAvailableRange, ReferenceErrors.NoAvailableRangeOnMedia);
    }
}
