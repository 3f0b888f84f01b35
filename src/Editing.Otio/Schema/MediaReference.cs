using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>Where a clip's media is (<c>MediaReference.1</c>); the base of the concrete references.</summary>
public class MediaReference : SerializableObjectWithMetadata
{
    /// <inheritdoc/>
    public override string SchemaName => "MediaReference";

    /// <summary>The media's own time range (e.g. its timecode and length), or null when unknown.</summary>
    public TimeRange? AvailableRange { get; set; }

    /// <summary>The image's bounds in normalised coordinates, or null.</summary>
    public Box2d? AvailableImageBounds { get; set; }

    /// <summary>True for <see cref="MissingReference"/>.</summary>
    public virtual bool IsMissingReference => false;
}
