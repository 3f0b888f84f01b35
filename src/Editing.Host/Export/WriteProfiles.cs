using Editing.Otio.Bundles;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Host.Export;

/// <summary>
/// Write profiles (<c>--target resolve</c>): adjustments that make a timeline import cleanly into one NLE, applied to
/// a copy just before writing (with OTIO 0.18 schemas: <c>Clip.2</c>, <c>Marker.2</c>). The input is never modified.
/// </summary>
/// <remarks>
/// <para><c>resolve</c> (DaVinci Resolve 18.5+ OTIO import; the dialect Resolve itself exports):</para>
/// <list type="bullet">
/// <item>keeps every <c>Resolve_OTIO</c> metadata entry (timeline, tracks, clips, effects, transitions) and adds
/// <c>"Resolve_OTIO": {"Resolve OTIO Meta Version": "1.0"}</c> to the timeline when missing;</item>
/// <item>gives every clip exactly one media reference, the active one, under <c>DEFAULT_MEDIA</c> (Resolve reads
/// that key; alternate versions and variants are listed in the clip's metadata under
/// <c>editing.resolve_dropped_references</c> as key → URL, so nothing is lost silently);</item>
/// <item>writes file references as plain absolute forward-slash paths (no <c>file://</c>): relative paths resolve
/// against <c>mediaBaseDirectory</c> (the folder the timeline is written to), because Resolve does not resolve them
/// against the timeline's folder;</item>
/// <item>sets <c>global_start_time</c> (0 at the timeline's rate) when it is missing, which Resolve's importer
/// expects.</item>
/// </list>
/// </remarks>
public static class WriteProfiles
{
    /// <summary>The DaVinci Resolve profile name.</summary>
    public const string Resolve = "resolve";

    /// <summary>The metadata key under which the profile records what it dropped.</summary>
    public const string EditingMetadataKey = "editing";

    /// <summary>The profiles <see cref="Apply(Timeline, string, string?)"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = [Resolve];

    /// <summary>True when <paramref name="target"/> names a write profile rather than a schema target.</summary>
    public static bool IsProfile(string? target) =>
        target is not null && Names.Contains(target.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Adjusts a copy of <paramref name="timeline"/> for <paramref name="target"/>; relative media paths stay
    /// relative (use the overload with a base folder to make them absolute).</summary>
    /// <exception cref="ArgumentException">An unknown profile (the message lists the known ones).</exception>
    public static Timeline Apply(Timeline timeline, string target) => Apply(timeline, target, null);

    /// <summary>Adjusts a copy of <paramref name="timeline"/> for <paramref name="target"/>.</summary>
    /// <param name="timeline">The timeline; not modified.</param>
    /// <param name="target">A profile name (<c>resolve</c>), case-insensitive.</param>
    /// <param name="mediaBaseDirectory">The folder relative media paths are relative to (normally the folder of the
    /// file being written), or null to leave relative paths as they are.</param>
    /// <exception cref="ArgumentException">An unknown profile (the message lists the known ones).</exception>
    public static Timeline Apply(Timeline timeline, string target, string? mediaBaseDirectory)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(target);
        if (!string.Equals(target.Trim(), Resolve, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"unknown write profile '{target}' (known: {string.Join(", ", Names)})", nameof(target));
        }

        var copy = (Timeline)timeline.Clone();
        ForResolve(copy, mediaBaseDirectory);
        return copy;
    }

    private static void ForResolve(Timeline timeline, string? mediaBaseDirectory)
    {
        if (!timeline.Metadata.ContainsKey("Resolve_OTIO"))
        {
            timeline.Metadata["Resolve_OTIO"] = new OtioDictionary { ["Resolve OTIO Meta Version"] = "1.0" };
        }

        var clips = timeline.Tracks?.FindClips() ?? [];
        if (timeline.GlobalStartTime is null)
        {
            var rate = clips.Select(c => c.SourceRange?.Duration.Rate ?? 0).FirstOrDefault(r => r > 0);
            timeline.GlobalStartTime = new RationalTime(0, rate > 0 ? rate : 24);
        }

        foreach (var clip in clips)
        {
            var active = clip.MediaReference ?? new MissingReference();
            var dropped = new OtioDictionary();
            foreach (var (key, reference) in clip.MediaReferences)
            {
                if (key != clip.ActiveMediaReferenceKey)
                {
                    dropped[key] = reference is ExternalReference e ? e.TargetUrl : reference.SchemaName;
                }
            }

            if (dropped.Count > 0)
            {
                var editing = clip.Metadata.TryGetValue(EditingMetadataKey, out var existing) && existing is OtioDictionary d ? d : new OtioDictionary();
                editing["resolve_dropped_references"] = dropped;
                clip.Metadata[EditingMetadataKey] = editing;
            }

            if (active is ExternalReference external)
            {
                external.TargetUrl = PlainPath(external.TargetUrl, mediaBaseDirectory);
            }

            clip.SetMediaReferences([new(Clip.DefaultMediaKey, active)], Clip.DefaultMediaKey);
        }
    }

    /// <summary><c>file:///a/b.mov</c> → <c>/a/b.mov</c>; <c>media/b.mov</c> → <c>/base/media/b.mov</c>; other URLs
    /// (http, …) unchanged.</summary>
    private static string PlainPath(string url, string? baseDirectory)
    {
        var file = OtioBundle.FileFromUrl(url);
        if (file is null)
        {
            return url;
        }

        if (!Path.IsPathRooted(file) && !IsWindowsRooted(file))
        {
            if (baseDirectory is null)
            {
                return file.Replace('\\', '/');
            }

            file = Path.GetFullPath(Path.Combine(baseDirectory, file));
        }

        return file.Replace('\\', '/');
    }

    private static bool IsWindowsRooted(string path) => path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '/' or '\\';
}
