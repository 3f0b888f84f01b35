namespace Editing.Otio.Serialization;

/// <summary>
/// Which schema versions a written file uses, like the reference library's version families
/// (<c>CORE_VERSION_MAP</c>): objects newer than the target are downgraded on write.
/// </summary>
public sealed class OtioWriteTarget
{
    private readonly Dictionary<string, int> _versions;

    private OtioWriteTarget(string label, bool isLatest, Dictionary<string, int> versions)
    {
        Label = label;
        IsLatest = isLatest;
        _versions = versions;
    }

    /// <summary>
    /// The OTIO 0.15–0.18 family (<c>Clip.2</c>, <c>Marker.2</c>): what NLEs and pipelines in the field read today. The
    /// default.
    /// </summary>
    public static OtioWriteTarget Release018 { get; } = new("0.18", false, new(StringComparer.Ordinal) { ["Clip"] = 2, ["Marker"] = 2 });

    /// <summary>The OTIO 0.14 family (<c>Clip.1</c>: only the active media reference is kept; <c>Marker.2</c>).</summary>
    public static OtioWriteTarget Release014 { get; } = new("0.14", false, new(StringComparer.Ordinal) { ["Clip"] = 1, ["Marker"] = 2 });

    /// <summary>The newest schema versions this library knows (<c>Clip.2</c>, <c>Marker.3</c>), as OTIO 0.19 writes.</summary>
    public static OtioWriteTarget Latest { get; } = new("latest", true, new(StringComparer.Ordinal));

    /// <summary>The default target: <see cref="Release018"/>.</summary>
    public static OtioWriteTarget Default => Release018;

    /// <summary>The label, e.g. <c>0.18</c> or <c>latest</c>.</summary>
    public string Label { get; }

    /// <summary>True for <see cref="Latest"/>: nothing is downgraded.</summary>
    public bool IsLatest { get; }

    /// <summary>The schema versions this target pins (schemas not listed are written at their newest version).</summary>
    public IReadOnlyDictionary<string, int> SchemaVersions => _versions;

    /// <summary>
    /// Parses a target label: <c>latest</c> (or <c>0.19</c>), <c>0.15</c> … <c>0.18</c> (patch levels such as
    /// <c>0.18.1</c> allowed), or <c>0.14</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown label.</exception>
    public static OtioWriteTarget Parse(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var l = label.Trim().ToLowerInvariant();
        if (l is "latest" or "0.19" || l.StartsWith("0.19.", StringComparison.Ordinal))
        {
            return Latest;
        }
        foreach (var family in new[] { "0.15", "0.16", "0.17", "0.18" })
        {
            if (l == family || l.StartsWith(family + ".", StringComparison.Ordinal))
            {
                return Release018;
            }
        }
        if (l == "0.14" || l.StartsWith("0.14.", StringComparison.Ordinal))
        {
            return Release014;
        }
        throw new ArgumentException($"unknown write target '{label}' (use latest, 0.18, 0.17, 0.16, 0.15 or 0.14)", nameof(label));
    }

    /// <summary>The version to write for a schema whose newest version is <paramref name="current"/>.</summary>
    public int VersionFor(string schemaName, int current)
        => _versions.TryGetValue(schemaName, out var v) && v < current ? v : current;

    /// <inheritdoc/>
    public override string ToString() => Label;
}
