using System.Text.RegularExpressions;
using Editing.Conform.Index;
using Editing.Conform.Reports;
using Editing.Conform.Rules;

namespace Editing.Conform.Matching;

/// <summary>
/// Decides where one clip's media is. A file the timeline names that exists is kept; otherwise the first method that
/// finds candidates decides: the referenced file name (exactly, by name without extension, or as another version of
/// it); then the reel with the media's timecode containing the source range; then the clip's name taken as a file
/// name (the same three ways); then the rules' clip-name patterns. Several candidates are narrowed by what can be measured (readable, timecode contains the
/// range, same rate, more of the original folder path in common, preferred extension, newest version); if two stay
/// equally good the clip is reported ambiguous with every path and nothing is chosen. Then versions up, then checks.
/// Only candidates are probed, each path once per run (<see cref="FactsCache"/>).
/// </summary>
internal sealed class ClipMatcher(MediaIndex index, ConformRules rules, FactsCache facts, int handles)
{
    public async Task<ClipMatch> MatchAsync(ClipQuery clip, CancellationToken cancellationToken)
    {
        string? path;
        ConformMethod method;
        if (clip.ReferenceExists && clip.ReferencePath is not null)
        {
            path = clip.ReferencePath;
            method = ConformMethod.Existing;
        }
        else
        {
            var found = await FindAsync(clip, cancellationToken).ConfigureAwait(false);
            if (found.Path is null)
            {
                return new ClipMatch { Method = found.Method, Problems = [found.Problem!] };
            }
            path = found.Path;
            method = found.Method;
        }

        var problems = new List<ConformProblem>();
        var newer = VersionUp(path, out var versionProblem);
        if (versionProblem is not null)
        {
            problems.Add(versionProblem);
        }
        var final = newer ?? path;
        // Versions are reported against the file the timeline named, else against the file found before versioning up.
        var (versionFrom, versionTo) = VersionChange(clip.ReferencePath ?? clip.ReferenceFileName ?? path, final);

        var result = await facts.GetAsync(final, cancellationToken).ConfigureAwait(false);
        if (result.Facts is { } mediaFacts)
        {
            problems.AddRange(MediaChecks.Check(clip, mediaFacts, final, handles, rules.HandlesFollowSpeed));
        }
        else
        {
            problems.Add(new ConformProblem { Kind = ProblemKind.UnreadableMedia, Message = $"unreadable media: {final}: {result.Error}" });
        }
        return new ClipMatch
        {
            Method = method,
            Path = final,
            Facts = result.Facts,
            Changed = !clip.ReferenceExists || !string.Equals(final, clip.ReferencePath, StringComparison.Ordinal),
            VersionFrom = versionFrom,
            VersionTo = versionTo,
            Problems = problems,
        };
    }

    private async Task<(ConformMethod Method, string? Path, ConformProblem? Problem)> FindAsync(ClipQuery clip, CancellationToken cancellationToken)
    {
        var tried = new List<string>();

        // 1. File name: the name of the file the timeline references.
        if (!string.IsNullOrWhiteSpace(clip.ReferenceFileName))
        {
            var candidates = ByFileName(clip.ReferenceFileName);
            if (candidates.Count > 0)
            {
                return await ChooseAsync(ConformMethod.FileName, $"file name '{clip.ReferenceFileName}'", candidates, clip, requireContains: false, cancellationToken).ConfigureAwait(false);
            }
            tried.Add($"no file named '{clip.ReferenceFileName}'");
        }

        // 2. Reel and timecode: only files whose timecode contains the source range qualify.
        ConformProblem? reelProblem = null;
        if (!string.IsNullOrWhiteSpace(clip.Reel))
        {
            var candidates = index.WithReel(clip.Reel);
            if (candidates.Count > 0)
            {
                var found = await ChooseAsync(ConformMethod.ReelTimecode, $"reel '{clip.Reel}'", candidates, clip, requireContains: true, cancellationToken).ConfigureAwait(false);
                if (found.Path is not null || found.Problem?.Kind == ProblemKind.Ambiguous)
                {
                    return found;
                }
                reelProblem = found.Problem;
                tried.Add($"no file of reel '{clip.Reel}' contains the source range");
            }
            else
            {
                tried.Add($"no file of reel '{clip.Reel}'");
            }
        }

        // 3. The clip's own name as a file name (NLEs name clips after their files).
        if (ClipNameAsFileName(clip) is { } clipName)
        {
            var candidates = ByFileName(clipName);
            if (candidates.Count > 0)
            {
                return await ChooseAsync(ConformMethod.FileName, $"clip name '{clipName}'", candidates, clip, requireContains: false, cancellationToken).ConfigureAwait(false);
            }
            tried.Add($"no file named '{clipName}'");
        }

        // 4. Clip-name patterns from the rules: the first whose clip regex matches.
        foreach (var rule in rules.NamePatterns)
        {
            Match match;
            try
            {
                match = rule.Clip.Match(clip.Name);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }
            if (!match.Success)
            {
                continue;
            }
            var glob = new FileGlob(match.Result(rule.FilePattern));
            var candidates = index.Matching(glob);
            if (candidates.Count > 0)
            {
                return await ChooseAsync(ConformMethod.NamePattern, $"name pattern '{rule.Clip}' -> '{glob.Pattern}'", candidates, clip, requireContains: false, cancellationToken).ConfigureAwait(false);
            }
            tried.Add($"no file matches '{glob.Pattern}' (name pattern '{rule.Clip}')");
            break;
        }

        if (reelProblem is not null)
        {
            return (ConformMethod.None, null, reelProblem);
        }
        var what = tried.Count > 0 ? string.Join("; ", tried) : "the clip names no file, has no reel and matches no name pattern";
        return (ConformMethod.None, null, new ConformProblem
        {
            Kind = ProblemKind.MissingMedia,
            Message = clip.ReferenceUrl is { Length: > 0 } url ? $"missing media: '{url}' does not exist; {what}" : $"missing media: {what}",
        });
    }

    private static string? ClipNameAsFileName(ClipQuery clip) =>
        !string.IsNullOrWhiteSpace(clip.Name)
        && !string.Equals(clip.Name, clip.ReferenceFileName, StringComparison.OrdinalIgnoreCase)
        && clip.Name.IndexOfAny(['/', '\\']) < 0
            ? clip.Name
            : null;

    /// <summary>Exact name; else the same name with another considered extension; else other versions of the name.</summary>
    private IReadOnlyList<IndexedFile> ByFileName(string name)
    {
        var exact = index.WithName(name);
        if (exact.Count > 0)
        {
            return exact;
        }
        var extension = Path.GetExtension(name);
        var known = rules.Extensions.Contains(extension.ToLowerInvariant(), StringComparer.Ordinal);
        var stem = known ? name[..^extension.Length] : name;
        var sameStem = index.WithStem(stem);
        if (sameStem.Count > 0)
        {
            return sameStem;
        }
        if (VersionTag.Find(rules.VersionPattern, stem) is not { } version)
        {
            return [];
        }
        var versions = new List<IndexedFile>();
        foreach (var ext in known ? [extension.ToLowerInvariant()] : rules.Extensions)
        {
            foreach (var file in index.Versions(VersionTag.Key(stem, version, ext)))
            {
                // Without "prefer newest" only the same version (perhaps padded differently) will do.
                if (rules.PreferNewestVersion || file.Version!.Value.Number == version.Number)
                {
                    versions.Add(file);
                }
            }
        }
        return versions;
    }

    /// <summary>
    /// Narrows candidates to the best; returns the one left, or an ambiguity naming all that are left. With
    /// <paramref name="requireContains"/> a candidate whose timecode does not contain the source range does not qualify.
    /// </summary>
    private async Task<(ConformMethod Method, string? Path, ConformProblem? Problem)> ChooseAsync(
        ConformMethod method, string by, IReadOnlyList<IndexedFile> candidates, ClipQuery clip, bool requireContains, CancellationToken cancellationToken)
    {
        IReadOnlyList<IndexedFile> left = candidates;
        if (left.Count > 1 || requireContains)
        {
            var results = await Task.WhenAll(left.Select(c => facts.GetAsync(c.FullPath, cancellationToken))).ConfigureAwait(false);
            var scored = left.Select((c, i) => (File: c, Result: results[i])).ToList();
            if (requireContains)
            {
                var containing = scored.Where(s => s.Result.Facts is { } f && MediaChecks.Contains(clip, f)).ToList();
                if (containing.Count == 0)
                {
                    var listed = scored.Select(s => s.Result.Facts is { } f && f.Rate is { } r
                        ? $"{s.File.FullPath} ({TimecodeText.Range(f.StartFrame, f.StartFrame + f.FrameCount, Facts.MediaFacts.RateValue(r), f.StartTimecode?.Contains(';', StringComparison.Ordinal) ?? false)})"
                        : $"{s.File.FullPath} ({s.Result.Error ?? "no video"})");
                    return (method, null, new ConformProblem
                    {
                        Kind = ProblemKind.TimecodeMismatch,
                        Message = $"timecode mismatch: {scored.Count} file(s) of {by} but none contains the clip's source range {(clip.SourceRange is { } r2 ? TimecodeText.Range(r2) : "?")}: {string.Join(", ", listed)}",
                        Candidates = scored.Select(s => s.File.FullPath).Order(StringComparer.Ordinal).ToArray(),
                    });
                }
                scored = containing;

                // A file that carries a reel of its own (a camera's reel_name tag) must carry this one.
                var reel = ReelName.Normalize(clip.Reel);
                scored = KeepBest(scored, s => s.Result.Facts?.Reel is { } own ? (ReelName.Normalize(own) == reel ? 1 : -1) : 0);
                if (scored.All(s => s.Result.Facts?.Reel is { } own && ReelName.Normalize(own) != reel))
                {
                    return (method, null, new ConformProblem
                    {
                        Kind = ProblemKind.MissingMedia,
                        Message = $"missing media: the files of {by} whose timecode contains the source range carry other reels: {string.Join(", ", scored.Select(s => $"{s.File.FullPath} (reel {s.Result.Facts!.Reel})"))}",
                        Candidates = scored.Select(s => s.File.FullPath).Order(StringComparer.Ordinal).ToArray(),
                    });
                }
            }
            scored = KeepBest(scored, s => s.Result.Facts is null ? 0 : 1);
            scored = KeepBest(scored, s => s.Result.Facts is { } f && MediaChecks.Contains(clip, f) ? 1 : 0);
            scored = KeepBest(scored, s => clip.IsAudio || s.Result.Facts is not { Rate: { } r } || clip.SourceRange is not { } range
                || MediaChecks.RatesMatch(range.Duration.Rate, Facts.MediaFacts.RateValue(r)) ? 1 : 0);
            left = scored.Select(s => s.File).ToList();
        }
        left = KeepBest(left, f => CommonFolders(f.FullPath, clip.ReferencePath ?? clip.ReferenceUrl));
        left = KeepBest(left, f => -f.ExtensionRank);
        if (left.Count > 1 && rules.PreferNewestVersion && left[0].VersionKey is { } key && left.All(f => f.VersionKey == key))
        {
            left = KeepBest(left, f => f.Version!.Value.Number);
        }
        if (left.Count == 1)
        {
            return (method, left[0].FullPath, null);
        }
        var paths = left.Select(f => f.FullPath).Order(StringComparer.Ordinal).ToArray();
        return (method, null, new ConformProblem
        {
            Kind = ProblemKind.Ambiguous,
            Message = $"ambiguous: {paths.Length} files are equally good by {by}: {string.Join(", ", paths)}",
            Candidates = paths,
        });
    }

    /// <summary>The newest version of <paramref name="path"/> when newer than it (and the rules prefer the newest), else null.</summary>
    private string? VersionUp(string path, out ConformProblem? problem)
    {
        problem = null;
        if (!rules.PreferNewestVersion)
        {
            return null;
        }
        var fileName = Path.GetFileName(path);
        var extension = Path.GetExtension(fileName);
        var stem = fileName[..^extension.Length];
        if (VersionTag.Find(rules.VersionPattern, stem) is not { } current)
        {
            return null;
        }
        var group = index.Versions(VersionTag.Key(stem, current, extension.ToLowerInvariant()));
        if (group.Count == 0)
        {
            return null;
        }
        var newest = group.Max(f => f.Version!.Value.Number);
        if (newest <= current.Number)
        {
            return null;
        }
        IReadOnlyList<IndexedFile> left = group.Where(f => f.Version!.Value.Number == newest).ToList();
        left = KeepBest(left, f => f.Version!.Value.Digits.Length == current.Digits.Length ? 1 : 0);
        left = KeepBest(left, f => CommonFolders(f.FullPath, path));
        if (left.Count == 1)
        {
            return left[0].FullPath;
        }
        var paths = left.Select(f => f.FullPath).Order(StringComparer.Ordinal).ToArray();
        problem = new ConformProblem
        {
            Kind = ProblemKind.Ambiguous,
            Message = $"ambiguous: {paths.Length} files are the newest version of {fileName}, kept as cut: {string.Join(", ", paths)}",
            Candidates = paths,
        };
        return null;
    }

    /// <summary>The versions as written when the final file is another version of the referenced one.</summary>
    private (string? From, string? To) VersionChange(string? referenced, string final)
    {
        if (referenced is null)
        {
            return (null, null);
        }
        var fromName = Path.GetFileName(referenced);
        var toName = Path.GetFileName(final);
        var fromExt = Path.GetExtension(fromName);
        var toExt = Path.GetExtension(toName);
        var fromStem = fromName[..^fromExt.Length];
        var toStem = toName[..^toExt.Length];
        if (VersionTag.Find(rules.VersionPattern, fromStem) is not { } from || VersionTag.Find(rules.VersionPattern, toStem) is not { } to)
        {
            return (null, null);
        }
        if (from.Number == to.Number
            || !string.Equals(VersionTag.Key(fromStem, from, string.Empty), VersionTag.Key(toStem, to, string.Empty), StringComparison.Ordinal))
        {
            return (null, null);
        }
        return (from.Display(fromStem), to.Display(toStem));
    }

    /// <summary>How many folders, from the file upwards, two paths share (without case): the relinked tree usually mirrors the original.</summary>
    private static int CommonFolders(string candidate, string? original)
    {
        if (string.IsNullOrEmpty(original))
        {
            return 0;
        }
        var a = Path.GetDirectoryName(candidate.Replace('\\', '/'))?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var b = Path.GetDirectoryName(original.Replace('\\', '/'))?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var n = 0;
        while (n < a.Length && n < b.Length && string.Equals(a[^(n + 1)], b[^(n + 1)], StringComparison.OrdinalIgnoreCase))
        {
            n++;
        }
        return n;
    }

    private static List<T> KeepBest<T>(IReadOnlyList<T> items, Func<T, long> score)
    {
        if (items.Count <= 1)
        {
            return [.. items];
        }
        var best = long.MinValue;
        var kept = new List<T>(items.Count);
        foreach (var item in items)
        {
            var s = score(item);
            if (s > best)
            {
                best = s;
                kept.Clear();
            }
            if (s == best)
            {
                kept.Add(item);
            }
        }
        return kept;
    }
}
