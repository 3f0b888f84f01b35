using Editing.Otio.Schema;

namespace Editing.Host.Edits;

/// <summary>An item a selection matched, with where it sits.</summary>
/// <param name="Track">Its track.</param>
/// <param name="TrackIndex">Index of the track in the timeline's stack.</param>
/// <param name="Item">The clip, gap or transition (held by reference: indexes shift when edits ripple).</param>
/// <param name="ItemIndex">Index in the track when selected.</param>
public sealed record SelectedItem(Track Track, int TrackIndex, Composable Item, int ItemIndex)
{
    /// <summary>The OTIO object path used in messages: <c>tracks.children[0].children[3]</c>.</summary>
    public string Path => $"tracks.children[{TrackIndex}].children[{ItemIndex}]";

    /// <summary>Name for messages: <c>Clip 'sh010' (tracks.children[0].children[3])</c>.</summary>
    public string Describe() =>
        $"{Item.SchemaName} {(Item.Name.Length > 0 ? $"'{Item.Name}' " : "")}({Path})";
}
