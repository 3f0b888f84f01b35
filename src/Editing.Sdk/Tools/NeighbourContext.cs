using Editing.Otio.OpenTime;

namespace Editing.Sdk.Tools;

/// <summary>The item just before or after the target on its track, as far as a tool needs to know it.</summary>
public sealed record NeighbourContext
{
    /// <summary>Clip, gap, transition or stack.</summary>
    public required ItemKind Kind { get; init; }

    /// <summary>Its name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Its range on the track (track time, from the track's start).</summary>
    public required TimeRange RecordRange { get; init; }

    /// <summary>
    /// The frame that touches the target as a 16-bit PNG (the previous clip's last used frame, the next clip's first),
    /// when the tool asked for <see cref="ToolInput.NeighbourFrames"/> and the media exists; otherwise null.
    /// </summary>
    public string? EdgeFramePath { get; init; }

    /// <summary>Its media, or null (gaps, missing media).</summary>
    public ClipMedia? Media { get; init; }

    /// <summary>Unused media beyond the edge that touches the target (the previous clip's tail handle, the next clip's
    /// head handle); zero when there is none.</summary>
    public RationalTime Handle { get; init; }

    /// <summary>For a transition: how far it reaches back before the cut (OTIO <c>in_offset</c>), else null.</summary>
    public RationalTime? TransitionInOffset { get; init; }

    /// <summary>For a transition: how far it reaches past the cut (OTIO <c>out_offset</c>), else null.</summary>
    public RationalTime? TransitionOutOffset { get; init; }
}
