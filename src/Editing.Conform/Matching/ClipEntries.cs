using Editing.Conform.Rules;
using Editing.Otio.Bundles;
using Editing.Otio.Schema;

namespace Editing.Conform.Matching;

/// <summary>The clips of a timeline that point at media files, each with the query the matcher needs.</summary>
internal static class ClipEntries
{
    /// <summary>Where a bundle's <c>MissingReference</c> keeps the URL it replaced.</summary>
    public const string OriginalTargetUrlKey = "original_target_url";

    /// <summary>Why a bundle made a reference missing.</summary>
    public const string MissingBecauseKey = "missing_reference_because";

    public sealed record Entry(Clip Clip, string TrackName, string TrackKind, int ItemIndex, ClipQuery Query);

    /// <summary>
    /// Every clip (nested stacks included) whose active reference is an external file or missing; generators and
    /// image sequences are not media files and are left out. Relative URLs resolve against
    /// <paramref name="baseDirectory"/>; inside an <c>.otioz</c> (<paramref name="insideArchive"/>) they cannot.
    /// </summary>
    public static List<Entry> Collect(Timeline timeline, string baseDirectory, ConformRules rules, bool insideArchive)
    {
        var entries = new List<Entry>();
        foreach (var clip in timeline.FindClips())
        {
            string? url;
            switch (clip.MediaReference)
            {
                case ExternalReference external:
                    url = external.TargetUrl;
                    break;
                case MissingReference missing:
                    url = missing.Metadata.TryGetValue(OriginalTargetUrlKey, out var original) && original is string s ? s : null;
                    break;
                case null:
                    url = null;
                    break;
                default:
                    continue;
            }
            var track = clip.Parent as Track;
            var isAudio = track?.Kind == Track.AudioKind;
            var (path, fileName) = Resolve(url, baseDirectory, insideArchive && clip.MediaReference is ExternalReference);
            var speed = 1.0;
            var freeze = false;
            foreach (var effect in clip.Effects)
            {
                if (effect is LinearTimeWarp warp && warp.Enabled)
                {
                    if (warp is FreezeFrame || warp.TimeScalar == 0)
                    {
                        freeze = true;
                    }
                    else
                    {
                        speed *= Math.Abs(warp.TimeScalar);
                    }
                }
            }
            var query = new ClipQuery
            {
                Name = clip.Name,
                IsAudio = isAudio,
                ReferenceUrl = url,
                ReferencePath = path,
                ReferenceExists = path is not null && File.Exists(path),
                ReferenceFileName = fileName,
                Reel = ReelOf(clip, rules),
                SourceRange = ConformRunner.UsedRange(clip),
                Speed = speed,
                Freeze = freeze,
            };
            entries.Add(new Entry(clip, track?.Name ?? string.Empty, track?.Kind ?? string.Empty, clip.Parent?.IndexOfChild(clip) ?? 0, query));
        }
        return entries;
    }

    /// <summary>The full local path a URL names (null for other URLs, or relative paths inside an archive) and its file name.</summary>
    private static (string? Path, string? FileName) Resolve(string? url, string baseDirectory, bool insideArchive)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return (null, null);
        }
        var file = OtioBundle.FileFromUrl(url);
        if (file is null)
        {
            // http://host/a/b.mov?x: the name still helps to find a local copy.
            var end = url.IndexOfAny(['?', '#']);
            var bare = end >= 0 ? url[..end] : url;
            var name = Uri.UnescapeDataString(bare[(bare.LastIndexOf('/') + 1)..]);
            return (null, name.Length > 0 ? name : null);
        }
        var fileName = Path.GetFileName(file.Replace('\\', '/'));
        if (fileName.Length == 0)
        {
            return (null, null);
        }
        if (!Path.IsPathRooted(file))
        {
            if (insideArchive)
            {
                return (null, fileName);
            }
            file = Path.Combine(baseDirectory, file);
        }
        return (Path.GetFullPath(file), fileName);
    }

    /// <summary>The clip's reel from the first metadata path that holds a string, mapped through the rules' aliases.</summary>
    private static string? ReelOf(Clip clip, ConformRules rules)
    {
        foreach (var key in rules.ClipReelKeys)
        {
            object? value = clip.Metadata;
            foreach (var part in key.Split('.'))
            {
                value = value is OtioDictionary d && d.TryGetValue(part, out var next) ? next : null;
            }
            if (value is string reel && !string.IsNullOrWhiteSpace(reel))
            {
                return rules.ReelAliases.TryGetValue(ReelName.Normalize(reel), out var alias) ? alias : reel;
            }
        }
        return null;
    }
}
