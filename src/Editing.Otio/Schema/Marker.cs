using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>
/// A note at a range of an item's time (<c>Marker.3</c>; <c>Marker.1</c> and <c>Marker.2</c> are upgraded on read,
/// and the 0.18 write target writes <c>Marker.2</c>, whose colour is a string such as <c>RED</c>).
/// </summary>
public class Marker : SerializableObjectWithMetadata
{
    private Color? _color = Schema.Color.Green;

    /// <inheritdoc/>
    public override string SchemaName => "Marker";

    /// <inheritdoc/>
    public override int SchemaVersion => 3;

    /// <summary>The marked range in the owning item's time frame.</summary>
    public TimeRange MarkedRange { get; set; }

    /// <summary>The marker colour (default green), or null.</summary>
    public Color? Color
    {
        get => _color;
        set
        {
            _color = value;
            LegacyColor = null;
        }
    }

    /// <summary>Free text.</summary>
    public string Comment { get; set; } = string.Empty;

    /// <summary>
    /// The colour string a <c>Marker.1</c>/<c>Marker.2</c> file had, kept so that writing <c>Marker.2</c> again gives the
    /// same text (<c>red</c> stays <c>red</c>). Cleared when <see cref="Color"/> is set.
    /// </summary>
    internal string? LegacyColor { get; set; }

    /// <summary>Sets the colour from a <c>Marker.2</c> colour string, as the reference's 2→3 upgrade does.</summary>
    internal void SetColorFromLegacy(string? legacy)
    {
        _color = legacy is null ? null : Schema.Color.FromKnownName(legacy) ?? new Color(1, 1, 1, 1, legacy);
        LegacyColor = legacy;
    }

    /// <summary>The <c>Marker.2</c> colour string for this marker: the string it was read with, else the upper-cased colour name.</summary>
    internal object? ColorForMarker2()
    {
        if (LegacyColor is not null)
        {
            return LegacyColor;
        }
        if (_color is not { } c)
        {
            return null;
        }
        if (c.Name.Length == 0)
        {
            return c;
        }
        return Schema.Color.FromKnownName(c.Name) is not null ? c.Name.ToUpperInvariant() : c.Name;
    }
}
