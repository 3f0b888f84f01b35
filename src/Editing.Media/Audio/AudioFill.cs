namespace Editing.Media.Audio;

/// <summary>What fills added audio.</summary>
public enum AudioFill
{
    /// <summary>Digital silence.</summary>
    Silence,
    /// <summary>
    /// Room tone from the source: its quietest one-second stretch (among its last ten seconds), looped back and forth,
    /// joined to the source with a short crossfade so there is no click.
    /// </summary>
    RoomTone,
}
