using System.Text.RegularExpressions;
using Editing.Conform.Rules;

namespace Editing.Conform.Index;

/// <summary>
/// The search trees of a conform, indexed once: by file name, by name without extension, by name without version
/// (all versions of a render), by reel (the normalised name, its first 8 characters, and the rules' reel pattern),
/// and sorted by name for globs with a literal start. Every lookup is a hash probe or a binary search plus the
/// matches, so conforming C clips against F files costs about C + F, not C × F.
/// </summary>
internal sealed class MediaIndex
{
    private readonly List<IndexedFile> _files = [];
    private readonly MultiMap _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly MultiMap _byStem = new(StringComparer.OrdinalIgnoreCase);
    private readonly MultiMap _byVersionKey = new(StringComparer.Ordinal);
    private readonly MultiMap _byReel = new(StringComparer.Ordinal);
    private readonly MultiMap _byReelPrefix = new(StringComparer.Ordinal);
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private readonly ConformRules _rules;
    private readonly Dictionary<string, int> _extensionRank;
    private SortedNames? _sorted;

    private MediaIndex(ConformRules rules)
    {
        _rules = rules;
        _extensionRank = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rules.Extensions.Count; i++)
        {
            _extensionRank.TryAdd(rules.Extensions[i], i);
        }
    }

    /// <summary>The number of files indexed.</summary>
    public int Count => _files.Count;

    /// <summary>The indexed files in the order they were added.</summary>
    public IReadOnlyList<IndexedFile> Files => _files;

    /// <summary>
    /// Walks <paramref name="directories"/> recursively (hidden files and folders skipped, unreadable folders
    /// ignored) and indexes every file with one of the rules' extensions.
    /// </summary>
    /// <exception cref="ConformInputException">A search folder does not exist.</exception>
    public static MediaIndex Scan(IEnumerable<string> directories, ConformRules rules)
    {
        var index = new MediaIndex(rules);
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            MatchType = MatchType.Simple,
            MaxRecursionDepth = 64,
        };
        foreach (var directory in directories)
        {
            var full = Path.GetFullPath(directory);
            if (!Directory.Exists(full))
            {
                throw new ConformInputException(directory, 0, 0, string.Empty, File.Exists(full) ? "is a file; --search takes folders" : "search folder does not exist");
            }
            foreach (var path in Directory.EnumerateFiles(full, "*", options))
            {
                index.Add(path);
            }
        }
        return index;
    }

    /// <summary>Indexes the given full paths (no disk access; used by tests and benchmarks).</summary>
    public static MediaIndex Build(IEnumerable<string> fullPaths, ConformRules rules)
    {
        var index = new MediaIndex(rules);
        foreach (var path in fullPaths)
        {
            index.Add(path);
        }
        return index;
    }

    /// <summary>Adds one file when its extension is considered and it is not indexed yet (overlapping search folders).</summary>
    public void Add(string fullPath)
    {
        var fileName = Path.GetFileName(fullPath);
        var extension = Path.GetExtension(fileName);
        if (!_extensionRank.TryGetValue(extension, out var rank) || !_paths.Add(fullPath))
        {
            return;
        }
        var stem = fileName[..^extension.Length];
        var version = VersionTag.Find(_rules.VersionPattern, stem);
        var file = new IndexedFile
        {
            FullPath = fullPath,
            FileName = fileName,
            Stem = stem,
            Extension = extension.ToLowerInvariant(),
            ExtensionRank = rank,
            Version = version,
            VersionKey = version is { } v ? VersionTag.Key(stem, v, extension.ToLowerInvariant()) : null,
        };
        _files.Add(file);
        _sorted = null;
        _byName.Add(fileName, file);
        _byStem.Add(stem, file);
        if (file.VersionKey is { } key)
        {
            _byVersionKey.Add(key, file);
        }
        var whole = ReelName.Normalize(stem);
        AddReel(whole, file);
        if (PatternReel(stem) is { } captured && captured != whole)
        {
            AddReel(captured, file);
        }
    }

    /// <summary>Files named exactly <paramref name="fileName"/> (without case).</summary>
    public IReadOnlyList<IndexedFile> WithName(string fileName) => _byName.Find(fileName);

    /// <summary>Files whose name without extension is <paramref name="stem"/> (without case), any considered extension.</summary>
    public IReadOnlyList<IndexedFile> WithStem(string stem) => _byStem.Find(stem);

    /// <summary>All versions of the render <paramref name="versionKey"/> names (see <see cref="IndexedFile.VersionKey"/>).</summary>
    public IReadOnlyList<IndexedFile> Versions(string versionKey) => _byVersionKey.Find(versionKey);

    /// <summary>
    /// Files of reel <paramref name="reel"/>: by the whole normalised name (or the reel pattern's capture); when none
    /// and the reel is exactly 8 characters (an EDL's cut name), by the first 8 characters of longer names.
    /// </summary>
    public IReadOnlyList<IndexedFile> WithReel(string reel)
    {
        var key = ReelName.Normalize(reel);
        if (key.Length == 0)
        {
            return [];
        }
        var exact = _byReel.Find(key);
        return exact.Count > 0 || key.Length != ReelName.EdlLength ? exact : _byReelPrefix.Find(key);
    }

    /// <summary>Files whose name matches the glob: a binary search to the names starting with its literal prefix, then each of those.</summary>
    public IReadOnlyList<IndexedFile> Matching(FileGlob glob)
    {
        if (glob.IsLiteral)
        {
            return WithName(glob.Pattern);
        }
        // Built on first use; a reference assignment, so concurrent lookups at worst sort twice.
        var sorted = Volatile.Read(ref _sorted) ?? SortByName();
        Volatile.Write(ref _sorted, sorted);
        var (names, files) = (sorted.UpperNames, sorted.Files);
        var start = LowerBound(names, glob.Prefix);
        var result = new List<IndexedFile>();
        for (var i = start; i < names.Length && names[i].StartsWith(glob.Prefix, StringComparison.Ordinal); i++)
        {
            if (glob.IsMatchUpper(names[i]))
            {
                result.Add(files[i]);
            }
        }
        return result;
    }

    private void AddReel(string reel, IndexedFile file)
    {
        if (reel.Length == 0)
        {
            return;
        }
        _byReel.Add(reel, file);
        if (reel.Length > ReelName.EdlLength)
        {
            _byReelPrefix.Add(reel[..ReelName.EdlLength], file);
        }
    }

    /// <summary>The rules' reel pattern's capture (group <c>reel</c>, else 1), normalised, or null.</summary>
    private string? PatternReel(string stem)
    {
        if (_rules.ReelPattern is not { } pattern)
        {
            return null;
        }
        try
        {
            var match = pattern.Match(stem);
            if (!match.Success)
            {
                return null;
            }
            var group = match.Groups["reel"] is { Success: true } named ? named : match.Groups[1];
            var reel = ReelName.Normalize(group.Value);
            return reel.Length > 0 ? reel : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private SortedNames SortByName()
    {
        var files = _files.ToArray();
        var names = new string[files.Length];
        for (var i = 0; i < files.Length; i++)
        {
            names[i] = files[i].FileName.ToUpperInvariant();
        }
        Array.Sort(names, files, StringComparer.Ordinal);
        return new SortedNames(names, files);
    }

    private static int LowerBound(string[] sorted, string prefix)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(sorted[mid], prefix) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private sealed record SortedNames(string[] UpperNames, IndexedFile[] Files);
}
