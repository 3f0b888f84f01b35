namespace Editing.Otio.Schema;

/// <summary>
/// A piece of media in a track (<c>Clip.2</c>; <c>Clip.1</c> is upgraded on read). A clip holds several media
/// references under keys (the original and generated variants, say) and names the active one.
/// </summary>
public partial class Clip : Item
{
    /// <summary>The key new clips and upgraded <c>Clip.1</c> files store their media reference under.</summary>
    public const string DefaultMediaKey = "DEFAULT_MEDIA";

    private Dictionary<string, MediaReference> _mediaReferences;

    /// <summary>Creates a clip whose only media reference is a <see cref="MissingReference"/> under <see cref="DefaultMediaKey"/>.</summary>
    public Clip()
    {
        _mediaReferences = new Dictionary<string, MediaReference>(1, StringComparer.Ordinal) { [DefaultMediaKey] = new MissingReference() };
        ActiveMediaReferenceKey = DefaultMediaKey;
    }

    /// <summary>Creates a clip with one media reference and a source range.</summary>
    public Clip(string name, MediaReference? mediaReference = null, OpenTime.TimeRange? sourceRange = null)
        : this()
    {
        Name = name ?? string.Empty;
        SourceRange = sourceRange;
        if (mediaReference is not null)
        {
            _mediaReferences[DefaultMediaKey] = mediaReference;
        }
    }

    internal Clip(bool forReading)
    {
        _ = forReading;
        _mediaReferences = new Dictionary<string, MediaReference>(1, StringComparer.Ordinal);
        ActiveMediaReferenceKey = string.Empty;
    }

    /// <inheritdoc/>
    public override string SchemaName => "Clip";

    /// <inheritdoc/>
    public override int SchemaVersion => 2;

    /// <summary>
    /// The media references by key (written sorted by key). Read-only here; change them with
    /// <see cref="SetMediaReferences"/>, <see cref="AddMediaReference"/> or <see cref="MediaReference"/>, which keep the
    /// active key valid.
    /// </summary>
    public IReadOnlyDictionary<string, MediaReference> MediaReferences => _mediaReferences;

    /// <summary>The key of the active media reference. A file may name a key that is absent; the clip then has no media reference.</summary>
    public string ActiveMediaReferenceKey { get; private set; }

    /// <summary>
    /// The active media reference, or null when the active key names none. Setting it replaces the entry under the
    /// active key; setting null stores a new <see cref="MissingReference"/>, as the reference library does.
    /// </summary>
    public MediaReference? MediaReference
    {
        get => _mediaReferences.TryGetValue(ActiveMediaReferenceKey, out var r) ? r : null;
        set
        {
            if (ActiveMediaReferenceKey.Length == 0)
            {
                throw new OtioException(OtioErrorKind.MediaReferencesContainEmptyKey, $"{this}: the active media reference key is empty");
            }
            _mediaReferences[ActiveMediaReferenceKey] = value ?? new MissingReference();
        }
    }

    /// <summary>Replaces all media references and the active key after checking them; on failure nothing changes.</summary>
    /// <exception cref="OtioException">An empty key, or <paramref name="activeKey"/> not among the keys.</exception>
    public void SetMediaReferences(IEnumerable<KeyValuePair<string, MediaReference>> references, string activeKey)
    {
        ArgumentNullException.ThrowIfNull(references);
        var map = new Dictionary<string, MediaReference>(StringComparer.Ordinal);
        foreach (var (key, value) in references)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new OtioException(OtioErrorKind.MediaReferencesContainEmptyKey, $"{this}: a media reference key is empty");
            }
            map[key] = value ?? new MissingReference();
        }
        if (!map.ContainsKey(activeKey))
        {
            throw new OtioException(OtioErrorKind.MediaReferencesDoNotContainActiveKey, $"{this}: no media reference has the active key '{activeKey}'");
        }
        _mediaReferences = map;
        ActiveMediaReferenceKey = activeKey;
    }

    /// <summary>Adds or replaces one media reference under a key (e.g. a generated variant), leaving the active key as it is.</summary>
    public void AddMediaReference(string key, MediaReference reference)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new OtioException(OtioErrorKind.MediaReferencesContainEmptyKey, $"{this}: a media reference key is empty");
        }
        _mediaReferences[key] = reference ?? new MissingReference();
    }

    /// <summary>Makes another existing key the active one.</summary>
    public void SetActiveMediaReferenceKey(string key)
    {
        if (!_mediaReferences.ContainsKey(key))
        {
            throw new OtioException(OtioErrorKind.MediaReferencesDoNotContainActiveKey, $"{this}: no media reference has the key '{key}'");
        }
        ActiveMediaReferenceKey = key;
    }

    internal Dictionary<string, MediaReference> MediaReferencesForReading => _mediaReferences;

    internal void SetActiveKeyUnchecked(string key) => ActiveMediaReferenceKey = key;

    /// <inheritdoc/>
    protected override void DeepenCopy()
    {
        base.DeepenCopy();
        var old = _mediaReferences;
        _mediaReferences = new Dictionary<string, MediaReference>(old.Count, StringComparer.Ordinal);
        foreach (var (k, v) in old)
        {
            _mediaReferences[k] = (MediaReference)v.Clone();
        }
    }
}
