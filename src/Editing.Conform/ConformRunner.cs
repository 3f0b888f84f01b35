using Editing.Conform.Facts;
using Editing.Conform.Index;
using Editing.Conform.Matching;
using Editing.Conform.Reports;
using Editing.Conform.Rules;
using Editing.Otio;
using Editing.Otio.Bundles;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Conform;

/// <summary>
/// Conforms a timeline: indexes the search folders once, relinks each clip's media (by file name, reel and timecode,
/// or clip-name pattern), versions up, checks rate, timecode and handles, and writes the result atomically. The
/// input is never modified; clips keep their source ranges exactly. See <c>docs/conform.md</c>.
/// </summary>
public sealed class ConformRunner
{
    /// <summary>The metadata namespace the conform writes under (on relinked media references: <c>editing.conform</c>).</summary>
    public const string MetadataNamespace = "editing";

    private readonly IMediaFactsSource _facts;

    /// <summary>Creates a runner reading media facts from <paramref name="facts"/> (default: ffprobe through <see cref="ProbeMediaFactsSource"/>).</summary>
    public ConformRunner(IMediaFactsSource? facts = null)
    {
        _facts = facts ?? ProbeMediaFactsSource.Shared;
    }

    /// <summary>
    /// Reads the input timeline; default <see cref="TimelineFile.Read"/> (<c>.otio</c>, <c>.otioz</c>, <c>.otiod</c>).
    /// A host that knows more formats (EDL, FCP 7 XML) passes its own reader; any error it throws (other than
    /// cancellation) is reported as bad input with its message, which should name the file and place.
    /// </summary>
    public Func<string, SerializableObject> ReadTimeline { get; init; } = TimelineFile.Read;

    /// <summary>Clips matched (and files probed) at the same time; default the processor count.</summary>
    public int MaxParallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Runs the conform and writes <see cref="ConformRequest.OutputPath"/> (also when some shots fail).</summary>
    /// <exception cref="ConformInputException">Bad rules, a missing search folder, output = input, not a timeline.</exception>
    /// <exception cref="OtioException">The timeline cannot be read (file, line, column named), or the output cannot be written (<see cref="OtioErrorKind.FileWriteFailed"/>).</exception>
    public async Task<ConformReport> RunAsync(ConformRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Handles < 0)
        {
            throw new ConformInputException(request.TimelinePath, 0, 0, string.Empty, $"handles must be 0 or more, not {request.Handles}");
        }
        if (string.Equals(Path.GetFullPath(request.TimelinePath), Path.GetFullPath(request.OutputPath), StringComparison.Ordinal))
        {
            throw new ConformInputException(request.OutputPath, 0, 0, string.Empty, "the output is the input timeline; write to another file (the input is never modified)");
        }
        TimelineFile.FormatOf(request.OutputPath);
        var rules = request.RulesPath is { } rulesPath ? ConformRulesReader.Read(rulesPath) : request.Rules ?? ConformRules.Default;
        SerializableObject root;
        try
        {
            root = ReadTimeline(request.TimelinePath);
        }
        catch (Exception e) when (e is not (OtioException or ConformInputException or OperationCanceledException))
        {
            // Another format's reader (EDL, XML) failing is bad input too; its message names the file and place.
            throw new ConformInputException(request.TimelinePath, e.Message.Contains(request.TimelinePath, StringComparison.Ordinal) ? e.Message : $"{request.TimelinePath}: {e.Message}", e);
        }
        if (root is not Timeline timeline)
        {
            throw new ConformInputException(request.TimelinePath, 0, 0, string.Empty, $"holds a {root.SchemaName}, not a Timeline");
        }
        var index = MediaIndex.Scan(request.SearchDirectories, rules);
        var inputFormat = Path.GetExtension(Path.TrimEndingDirectorySeparator(request.TimelinePath)).ToLowerInvariant();
        var inputFull = Path.GetFullPath(request.TimelinePath);
        var baseDirectory = inputFormat == ".otiod" ? inputFull : Path.GetDirectoryName(inputFull)!;
        var entries = ClipEntries.Collect(timeline, baseDirectory, rules, inputFormat == ".otioz");

        var cache = new FactsCache(_facts);
        var matches = await MatchAllAsync(index, rules, cache, request.Handles, entries.Select(e => e.Query).ToList(), MaxParallelism, cancellationToken).ConfigureAwait(false);

        var outputFull = Path.GetFullPath(request.OutputPath);
        var outputDirectory = TimelineFile.FormatOf(outputFull) == ".otiod" ? outputFull : Path.GetDirectoryName(outputFull)!;
        if (inputFormat != ".otioz")
        {
            RebaseRelativeMedia(timeline, baseDirectory, outputDirectory);
        }
        var reports = new List<ClipReport>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (entry, match) = (entries[i], matches[i]);
            if (match.Path is not null && match.Changed)
            {
                Relink(entry.Clip, match);
            }
            reports.Add(new ClipReport
            {
                Name = entry.Clip.Name,
                Track = entry.TrackName,
                TrackKind = entry.TrackKind,
                ItemIndex = entry.ItemIndex,
                Method = match.Method,
                Changed = match.Path is not null && match.Changed,
                PreviousUrl = entry.Query.ReferenceUrl,
                MediaPath = match.Path,
                VersionFrom = match.VersionFrom,
                VersionTo = match.VersionTo,
                SourceRange = entry.Query.SourceRange is { } range ? TimecodeText.Range(range) : null,
                Problems = match.Problems,
            });
        }

        Directory.CreateDirectory(Path.GetDirectoryName(outputFull)!);
        TimelineFile.Write(timeline, outputFull, bundleOptions: new OtioBundleWriteOptions
        {
            MediaPolicy = OtioBundleMediaPolicy.MissingIfNotFile,
            RelativeMediaBaseDir = outputDirectory,
        });
        return new ConformReport
        {
            Timeline = request.TimelinePath,
            Output = request.OutputPath,
            SearchDirectories = request.SearchDirectories.Select(Path.GetFullPath).ToArray(),
            Handles = request.Handles,
            FilesIndexed = index.Count,
            FilesProbed = cache.Count,
            Clips = reports,
        };
    }

    /// <summary>The matching stage alone (index lookups, facts for candidates only, checks), in parallel; used by the benchmark too.</summary>
    internal static async Task<ClipMatch[]> MatchAllAsync(
        MediaIndex index, ConformRules rules, FactsCache cache, int handles, IReadOnlyList<ClipQuery> queries, int parallelism, CancellationToken cancellationToken)
    {
        var matcher = new ClipMatcher(index, rules, cache, handles);
        var matches = new ClipMatch[queries.Count];
        if (parallelism <= 1)
        {
            for (var i = 0; i < queries.Count; i++)
            {
                matches[i] = await matcher.MatchAsync(queries[i], cancellationToken).ConfigureAwait(false);
            }
            return matches;
        }
        await Parallel.ForEachAsync(
            Enumerable.Range(0, queries.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, token) => matches[i] = await matcher.MatchAsync(queries[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return matches;
    }

    /// <summary>
    /// Points the clip's active media reference at the new file: an <see cref="ExternalReference"/> keeping the old
    /// reference's name, metadata and image bounds, with the media's available range (start timecode, length) and
    /// an <c>editing.conform</c> note of what changed. The clip's source range is not touched.
    /// </summary>
    private static void Relink(Clip clip, ClipMatch match)
    {
        var old = clip.MediaReference;
        var oldUrl = old switch
        {
            ExternalReference e => e.TargetUrl,
            MissingReference m when m.Metadata.TryGetValue(ClipEntries.OriginalTargetUrlKey, out var u) && u is string s => s,
            _ => null,
        };
        // Keep the NLE's spelling: a plain path stays a plain path (Resolve wants no file://), a URL stays a URL.
        var path = match.Path!;
        var url = oldUrl is { Length: > 0 } && !oldUrl.Contains("://", StringComparison.Ordinal) && !oldUrl.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? path.Replace('\\', '/')
            : OtioBundle.FileUrlFromPath(path);
        var reference = new ExternalReference(url, match.Facts?.AvailableRange ?? old?.AvailableRange)
        {
            Name = old?.Name ?? string.Empty,
            AvailableImageBounds = old?.AvailableImageBounds,
        };
        if (old is not null)
        {
            foreach (var (key, value) in old.Metadata.DeepClone())
            {
                if (old is MissingReference && key is ClipEntries.OriginalTargetUrlKey or ClipEntries.MissingBecauseKey)
                {
                    continue;
                }
                reference.Metadata[key] = value;
            }
        }
        var note = new OtioDictionary
        {
            ["method"] = MethodName(match.Method),
            ["previous_target_url"] = oldUrl,
        };
        if (match.VersionFrom is not null)
        {
            note["version_from"] = match.VersionFrom;
            note["version_to"] = match.VersionTo;
        }
        if (reference.Metadata.TryGetValue(MetadataNamespace, out var ns) && ns is OtioDictionary editing)
        {
            editing["conform"] = note;
        }
        else
        {
            reference.Metadata[MetadataNamespace] = new OtioDictionary { ["conform"] = note };
        }
        clip.MediaReference = reference;
    }

    /// <summary>Relative media URLs are relative to the timeline's folder: keep them pointing at the same files from the output's folder.</summary>
    private static void RebaseRelativeMedia(Timeline timeline, string inputDirectory, string outputDirectory)
    {
        if (string.Equals(inputDirectory, outputDirectory, StringComparison.Ordinal))
        {
            return;
        }
        foreach (var clip in timeline.FindClips())
        {
            foreach (var reference in clip.MediaReferences.Values.OfType<ExternalReference>())
            {
                var file = OtioBundle.FileFromUrl(reference.TargetUrl);
                if (file is null || file.Length == 0 || Path.IsPathRooted(file) || reference.TargetUrl.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                reference.TargetUrl = Path.GetRelativePath(outputDirectory, Path.GetFullPath(Path.Combine(inputDirectory, file))).Replace('\\', '/');
            }
        }
    }

    /// <summary>The JSON and metadata spelling of a method: <c>existing</c>, <c>file-name</c>, <c>reel-timecode</c>, <c>name-pattern</c>, <c>none</c>.</summary>
    public static string MethodName(ConformMethod method) => method switch
    {
        ConformMethod.Existing => "existing",
        ConformMethod.FileName => "file-name",
        ConformMethod.ReelTimecode => "reel-timecode",
        ConformMethod.NamePattern => "name-pattern",
        _ => "none",
    };

    /// <summary>The JSON spelling of a problem kind: <c>missing-media</c>, <c>ambiguous</c>, <c>short-handles</c>, <c>rate-mismatch</c>, <c>timecode-mismatch</c>, <c>unreadable-media</c>.</summary>
    public static string ProblemName(ProblemKind kind) => kind switch
    {
        ProblemKind.MissingMedia => "missing-media",
        ProblemKind.Ambiguous => "ambiguous",
        ProblemKind.ShortHandles => "short-handles",
        ProblemKind.RateMismatch => "rate-mismatch",
        ProblemKind.TimecodeMismatch => "timecode-mismatch",
        _ => "unreadable-media",
    };

    internal static TimeRange? UsedRange(Clip clip) => clip.SourceRange ?? clip.MediaReference?.AvailableRange;
}
