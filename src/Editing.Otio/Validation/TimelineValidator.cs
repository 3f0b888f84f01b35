using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Otio.Validation;

/// <summary>
/// Structural checks a reader does not make (OTIO reads these files without complaint, but tools and NLEs fail on
/// them later): every problem is collected, none stops the walk.
/// </summary>
public static class TimelineValidator
{
    /// <summary>Checks a read object graph and returns every issue found, in document order.</summary>
    /// <param name="root">The root read from a file.</param>
    /// <param name="mediaBaseDirectory">Folder against which relative media paths are checked; null to skip file-existence checks.</param>
    public static IReadOnlyList<ValidationIssue> Validate(SerializableObject root, string? mediaBaseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var issues = new List<ValidationIssue>();
        Walk(root, string.Empty, issues, mediaBaseDirectory);
        return issues;
    }

    private static void Walk(SerializableObject o, string path, List<ValidationIssue> issues, string? baseDir)
    {
        switch (o)
        {
            case Timeline t:
                if (t.GlobalStartTime is { } gst)
                {
                    CheckTime(gst, Join(path, "global_start_time"), "global start time", issues);
                }
                if (t.Tracks is null)
                {
                    issues.Add(new(ValidationSeverity.Error, Join(path, "tracks"), $"timeline '{t.Name}' has no tracks stack (\"tracks\": null)"));
                }
                else
                {
                    Walk(t.Tracks, Join(path, "tracks"), issues, baseDir);
                }
                break;
            case SerializableCollection c:
                for (var i = 0; i < c.Children.Count; i++)
                {
                    Walk(c.Children[i], $"{Join(path, "children")}[{i}]", issues, baseDir);
                }
                break;
            case Composition comp:
                CheckItem(comp, path, issues);
                if (comp is Track track && track.Kind != Track.VideoKind && track.Kind != Track.AudioKind)
                {
                    issues.Add(new(ValidationSeverity.Warning, Join(path, "kind"), $"track '{track.Name}' has kind '{track.Kind}' (NLEs expect Video or Audio)"));
                }
                for (var i = 0; i < comp.Children.Count; i++)
                {
                    var childPath = $"{Join(path, "children")}[{i}]";
                    var child = comp.Children[i];
                    if (child is Transition tr && comp is Track)
                    {
                        CheckTransition(comp, i, tr, childPath, issues);
                    }
                    Walk(child, childPath, issues, baseDir);
                }
                break;
            case Clip clip:
                CheckItem(clip, path, issues);
                CheckClip(clip, path, issues, baseDir);
                break;
            case Item item:
                CheckItem(item, path, issues);
                break;
        }
    }

    private static void CheckItem(Item item, string path, List<ValidationIssue> issues)
    {
        if (item.SourceRange is { } sr)
        {
            CheckRange(sr, Join(path, "source_range"), $"{Describe(item)} source range", issues);
        }
        for (var i = 0; i < item.Markers.Count; i++)
        {
            CheckRange(item.Markers[i].MarkedRange, $"{Join(path, "markers")}[{i}].marked_range", $"marker '{item.Markers[i].Name}'", issues);
        }
    }

    private static void CheckClip(Clip clip, string path, List<ValidationIssue> issues, string? baseDir)
    {
        var refsPath = Join(path, "media_references");
        foreach (var (key, _) in clip.MediaReferences)
        {
            if (key.Length == 0)
            {
                issues.Add(new(ValidationSeverity.Error, refsPath, $"{Describe(clip)} has a media reference with an empty key"));
            }
        }
        var active = clip.MediaReference;
        if (active is null)
        {
            issues.Add(new(ValidationSeverity.Error, Join(path, "active_media_reference_key"),
                $"{Describe(clip)}: the active media reference key '{clip.ActiveMediaReferenceKey}' is not among its media references"));
        }
        if (clip.SourceRange is null && active?.AvailableRange is null)
        {
            issues.Add(new(ValidationSeverity.Error, path, $"{Describe(clip)} has neither a source range nor an available range: its duration cannot be computed"));
        }
        foreach (var (key, reference) in clip.MediaReferences)
        {
            var refPath = $"{refsPath}.{key}";
            if (reference.AvailableRange is { } ar)
            {
                CheckRange(ar, Join(refPath, "available_range"), $"{Describe(clip)} media '{key}' available range", issues);
            }
            switch (reference)
            {
                case MissingReference when key == clip.ActiveMediaReferenceKey:
                    issues.Add(new(ValidationSeverity.Warning, refPath, $"{Describe(clip)}: media is missing (MissingReference)"));
                    break;
                case ExternalReference ext when baseDir is not null:
                    var local = LocalPath(ext.TargetUrl, baseDir);
                    if (local is not null && !File.Exists(local) && !Directory.Exists(local))
                    {
                        issues.Add(new(ValidationSeverity.Warning, Join(refPath, "target_url"), $"{Describe(clip)}: media file not found: {local}"));
                    }
                    break;
            }
        }
        if (clip.SourceRange is { } sr && active?.AvailableRange is { } avail && !sr.IsInvalidRange && !avail.IsInvalidRange)
        {
            var start = sr.StartTime.ToSeconds();
            var end = sr.EndTimeExclusive().ToSeconds();
            var aStart = avail.StartTime.ToSeconds();
            var aEnd = avail.EndTimeExclusive().ToSeconds();
            var eps = TimeRange.DefaultEpsilon;
            if (start < aStart - eps || end > aEnd + eps)
            {
                issues.Add(new(ValidationSeverity.Warning, Join(path, "source_range"),
                    $"{Describe(clip)} uses {sr} but its media only covers {avail}"));
            }
        }
    }

    private static void CheckTransition(Composition track, int index, Transition tr, string path, List<ValidationIssue> issues)
    {
        CheckTime(tr.InOffset, Join(path, "in_offset"), $"transition '{tr.Name}' in offset", issues);
        CheckTime(tr.OutOffset, Join(path, "out_offset"), $"transition '{tr.Name}' out offset", issues);
        if (tr.InOffset.Value < 0 || tr.OutOffset.Value < 0)
        {
            issues.Add(new(ValidationSeverity.Error, path, $"transition '{tr.Name}' has a negative offset"));
        }
        var prev = index > 0 ? track.Children[index - 1] : null;
        var next = index + 1 < track.Children.Count ? track.Children[index + 1] : null;
        if (prev is Transition || next is Transition)
        {
            issues.Add(new(ValidationSeverity.Error, path, $"transition '{tr.Name}' is next to another transition"));
        }
        if (prev is Item p && ItemDuration(p) is { } pd && tr.InOffset.ToSeconds() > pd.ToSeconds() + TimeRange.DefaultEpsilon)
        {
            issues.Add(new(ValidationSeverity.Error, path, $"transition '{tr.Name}' reaches {tr.InOffset} into '{p.Name}', which is only {pd} long"));
        }
        if (next is Item n && ItemDuration(n) is { } nd && tr.OutOffset.ToSeconds() > nd.ToSeconds() + TimeRange.DefaultEpsilon)
        {
            issues.Add(new(ValidationSeverity.Error, path, $"transition '{tr.Name}' reaches {tr.OutOffset} into '{n.Name}', which is only {nd} long"));
        }
    }

    private static RationalTime? ItemDuration(Item item)
        => item.SourceRange?.Duration ?? (item as Clip)?.MediaReference?.AvailableRange?.Duration;

    private static void CheckRange(TimeRange r, string path, string what, List<ValidationIssue> issues)
    {
        if (r.StartTime.IsInvalidTime || r.Duration.IsInvalidTime)
        {
            issues.Add(new(ValidationSeverity.Error, path, $"{what} {r} has an invalid time (rate must be above 0, values must be numbers)"));
        }
        else if (r.Duration.Value < 0)
        {
            issues.Add(new(ValidationSeverity.Error, path, $"{what} {r} has a negative duration"));
        }
    }

    private static void CheckTime(RationalTime t, string path, string what, List<ValidationIssue> issues)
    {
        if (t.IsInvalidTime)
        {
            issues.Add(new(ValidationSeverity.Error, path, $"{what} {t} is invalid (rate must be above 0, values must be numbers)"));
        }
    }

    private static string? LocalPath(string url, string baseDir)
    {
        if (url.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.LocalPath : null;
        }
        if (url.Contains("://", StringComparison.Ordinal) || url.Length == 0)
        {
            return null;
        }
        return Path.IsPathRooted(url) ? url : Path.GetFullPath(Path.Combine(baseDir, url));
    }

    private static string Describe(SerializableObjectWithMetadata o) => $"{o.SchemaName.ToLowerInvariant()} '{o.Name}'";

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
