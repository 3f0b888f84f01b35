namespace Editing.Otio.Schema;

/// <summary>
/// A sequence of clips, gaps and transitions played one after another (<c>Track.1</c>; read alias <c>Sequence.1</c>).
/// </summary>
public partial class Track : Composition
{
    /// <summary>The conventional kind of a picture track.</summary>
    public const string VideoKind = "Video";

    /// <summary>The conventional kind of a sound track.</summary>
    public const string AudioKind = "Audio";

    /// <inheritdoc/>
    public override string SchemaName => "Track";

    /// <inheritdoc/>
    public override string CompositionKind => "Track";

    /// <summary>The track's kind: <see cref="VideoKind"/>, <see cref="AudioKind"/> or any other string a tool wrote.</summary>
    public string Kind { get; set; } = VideoKind;
}
