using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>An edit: a stack of tracks and a start time (<c>Timeline.1</c>).</summary>
public partial class Timeline : SerializableObjectWithMetadata
{
    /// <summary>Creates an empty timeline whose tracks are a stack named <c>tracks</c>.</summary>
    public Timeline()
    {
        Tracks = new Stack { Name = "tracks" };
    }

    /// <summary>Creates an empty named timeline.</summary>
    public Timeline(string name)
        : this()
    {
        Name = name ?? string.Empty;
    }

    internal Timeline(bool forReading)
    {
        _ = forReading;
    }

    /// <inheritdoc/>
    public override string SchemaName => "Timeline";

    /// <summary>
    /// The tracks. A file may say <c>"tracks": null</c>; that is kept and written back, and range queries then treat the
    /// timeline as empty.
    /// </summary>
    public Stack? Tracks { get; set; }

    /// <summary>The record start time (e.g. 01:00:00:00 as 86400@24), or null. Not added to any range.</summary>
    public RationalTime? GlobalStartTime { get; set; }

    /// <summary>The tracks whose kind is <see cref="Track.VideoKind"/>, in order.</summary>
    public IEnumerable<Track> VideoTracks() => TracksOfKind(Track.VideoKind);

    /// <summary>The tracks whose kind is <see cref="Track.AudioKind"/>, in order.</summary>
    public IEnumerable<Track> AudioTracks() => TracksOfKind(Track.AudioKind);

    /// <inheritdoc/>
    protected override void DeepenCopy()
    {
        base.DeepenCopy();
        Tracks = (Stack?)Tracks?.Clone();
    }

    private IEnumerable<Track> TracksOfKind(string kind)
    {
        if (Tracks is null)
        {
            yield break;
        }
        foreach (var c in Tracks.Children)
        {
            if (c is Track t && t.Kind == kind)
            {
                yield return t;
            }
        }
    }
}
