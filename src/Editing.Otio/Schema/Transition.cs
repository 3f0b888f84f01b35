using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>
/// A transition between the items on either side of it in a track (<c>Transition.1</c>). Not an item: it has no
/// source range, overlaps its neighbours by <see cref="InOffset"/> before the cut and <see cref="OutOffset"/> after it,
/// and does not advance the track position.
/// </summary>
public partial class Transition : Composable
{
    /// <summary>A cross dissolve.</summary>
    public const string SmpteDissolve = "SMPTE_Dissolve";

    /// <summary>Any other transition; the details are in metadata.</summary>
    public const string CustomTransition = "Custom_Transition";

    private bool _enabled = true;

    /// <inheritdoc/>
    public override string SchemaName => "Transition";

    /// <summary>The transition type, e.g. <see cref="SmpteDissolve"/>.</summary>
    public string TransitionType { get; set; } = SmpteDissolve;

    /// <summary>How far the transition reaches into the item before the cut.</summary>
    public RationalTime InOffset { get; set; }

    /// <summary>How far the transition reaches into the item after the cut.</summary>
    public RationalTime OutOffset { get; set; }

    /// <summary>Whether the transition is enabled (a field from OTIO 0.19; files for 0.18 carry it only as an extra key).</summary>
    public bool Enabled
    {
        get => _enabled;
        set
        {
            _enabled = value;
            EnabledWasSet = true;
        }
    }

    /// <summary>True when a file or a caller gave <see cref="Enabled"/> explicitly; the 0.18 writer then keeps the key.</summary>
    internal bool EnabledWasSet { get; set; }

    /// <inheritdoc/>
    public override bool Overlapping => true;

    /// <summary>The transition's duration: in offset + out offset.</summary>
    public override RationalTime Duration() => InOffset + OutOffset;
}
