using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>
/// A composable with a time extent (<c>Item.1</c>): clips, gaps, tracks and stacks. Range queries live in
/// <c>Item.Ranges.cs</c>.
/// </summary>
public partial class Item : Composable
{
    private List<Effect>? _effects;
    private List<Marker>? _markers;

    /// <inheritdoc/>
    public override string SchemaName => "Item";

    /// <summary>The trim of this item in its own time frame, or null for "all of the available range".</summary>
    public TimeRange? SourceRange { get; set; }

    /// <summary>Effects applied to the item, in order (time warps among them).</summary>
    public List<Effect> Effects
    {
        get => _effects ??= [];
        set => _effects = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Markers on the item, in the item's own time frame.</summary>
    public List<Marker> Markers
    {
        get => _markers ??= [];
        set => _markers = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Whether the item is enabled; a disabled item is not visible and is skipped when flattening.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The item's UI colour, or null.</summary>
    public Color? Color { get; set; }

    internal List<Effect>? EffectsOrNull => _effects;

    internal List<Marker>? MarkersOrNull => _markers;

    /// <inheritdoc/>
    public override bool Visible => Enabled;

    /// <inheritdoc/>
    protected override void DeepenCopy()
    {
        base.DeepenCopy();
        if (_effects is not null)
        {
            _effects = _effects.ConvertAll(e => (Effect)e.Clone());
        }
        if (_markers is not null)
        {
            _markers = _markers.ConvertAll(m => (Marker)m.Clone());
        }
    }
}
