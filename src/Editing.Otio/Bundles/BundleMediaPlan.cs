using Editing.Otio.Schema;

namespace Editing.Otio.Bundles;

/// <summary>
/// Rewrites the media references of a (cloned) object graph for a bundle and lists the media files to copy, as the
/// reference library's <c>process_media_references</c> does (otio-format.md §9).
/// </summary>
internal sealed class BundleMediaPlan
{
    internal const string MissingBecauseKey = "missing_reference_because";
    internal const string OriginalTargetUrlKey = "original_target_url";
    internal const string AllMissingReason = "'all_missing' specified as the MediaReferencePolicy";
    internal const string NotAFileReason = "'missing_if_not_file' specified as the MediaReferencePolicy";
    internal const string FileNotFoundReason = "target_url target is not a file or does not exist";

    /// <summary>More frame files than this in one image sequence is refused rather than listed.</summary>
    internal const long MaxImagesPerSequence = 10_000_000;

    private static readonly StringComparer SamePathComparer =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly string _bundle;
    private readonly OtioBundleMediaPolicy _policy;
    private readonly string _baseDir;

    // lower-cased basename → the first source path registered under it
    private readonly Dictionary<string, string> _byBasename = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MediaFile> _bySource = new(SamePathComparer);

    private BundleMediaPlan(string bundle, OtioBundleWriteOptions options)
    {
        _bundle = bundle;
        _policy = options.MediaPolicy;
        _baseDir = options.RelativeMediaBaseDir is { Length: > 0 } dir ? Path.GetFullPath(dir) : Directory.GetCurrentDirectory();
    }

    /// <summary>One media file: where it is read from and its entry name in the bundle (<c>media/name</c>).</summary>
    internal sealed record MediaFile(string SourcePath, string ArchiveName);

    /// <summary>The media files, sorted by source path (ordinal), as they are written.</summary>
    internal IReadOnlyList<MediaFile> Files { get; private set; } = [];

    /// <summary>Rewrites <paramref name="root"/> in place (it must be a clone) and returns the media to copy.</summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.BundleError"/>: a reference is not a file under
    /// <see cref="OtioBundleMediaPolicy.ErrorIfNotFile"/>, a file does not exist, or two files share a basename.</exception>
    internal static BundleMediaPlan Prepare(SerializableObject root, string bundle, OtioBundleWriteOptions options)
    {
        var plan = new BundleMediaPlan(bundle, options);
        foreach (var clip in BundleClips.Find(root))
        {
            var keys = clip.MediaReferences.Keys.ToList();
            keys.Sort(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                plan.Process(clip, key, clip.MediaReferences[key]);
            }
        }
        var files = plan._bySource.Values.ToList();
        files.Sort((a, b) => string.CompareOrdinal(a.SourcePath, b.SourcePath));
        plan.Files = files;
        return plan;
    }

    private void Process(Clip clip, string key, MediaReference reference)
    {
        switch (reference)
        {
            case MissingReference:
                return;
            case ExternalReference ext:
                ProcessExternal(clip, key, ext);
                return;
            case ImageSequenceReference seq:
                ProcessSequence(clip, key, seq);
                return;
            default:
                if (_policy == OtioBundleMediaPolicy.AllMissing)
                {
                    MakeMissing(clip, key, reference, AllMissingReason, null);
                    return;
                }
                NotAFile(clip, key, reference, $"a {reference.SchemaName} is not a media file", null);
                return;
        }
    }

    private void ProcessExternal(Clip clip, string key, ExternalReference ext)
    {
        var url = ext.TargetUrl;
        if (_policy == OtioBundleMediaPolicy.AllMissing)
        {
            MakeMissing(clip, key, ext, AllMissingReason, url);
            return;
        }
        var file = url.Length == 0 ? null : BundleUrls.FileFromUrl(url);
        if (string.IsNullOrEmpty(file))
        {
            NotAFile(clip, key, ext, url.Length == 0 ? "the target URL is empty" : $"the target URL '{url}' is not a local file", url);
            return;
        }
        var source = Resolve(file);
        if (source is null || !File.Exists(source))
        {
            FileNotFound(clip, key, ext, source ?? file, url);
            return;
        }
        ext.TargetUrl = Register(clip, key, source);
    }

    private void ProcessSequence(Clip clip, string key, ImageSequenceReference seq)
    {
        var count = BundleImageSequence.ImageCount(seq);
        var original = count > 0 ? BundleImageSequence.UrlForImage(seq, 0) : seq.TargetUrlBase;
        if (_policy == OtioBundleMediaPolicy.AllMissing)
        {
            MakeMissing(clip, key, seq, AllMissingReason, original);
            return;
        }
        if (count <= 0)
        {
            NotAFile(clip, key, seq, "its frame files cannot be listed (no available range, or a rate or frame step that is not positive)", original);
            return;
        }
        if (count > MaxImagesPerSequence)
        {
            throw new OtioException(OtioErrorKind.BundleError,
                $"{_bundle}: {Describe(clip, key)}: the image sequence has {count} images, more than the {MaxImagesPerSequence} a bundle accepts");
        }
        if (seq.NameSuffix.Contains('/', StringComparison.Ordinal) || seq.NameSuffix.Contains('\\', StringComparison.Ordinal))
        {
            NotAFile(clip, key, seq, $"its name suffix '{seq.NameSuffix}' contains a folder separator", original);
            return;
        }

        var sources = new List<string>((int)count);
        for (long n = 0; n < count; n++)
        {
            var url = BundleImageSequence.UrlForImage(seq, n);
            var file = BundleUrls.FileFromUrl(url);
            if (string.IsNullOrEmpty(file))
            {
                NotAFile(clip, key, seq, $"the frame URL '{url}' is not a local file", original);
                return;
            }
            var source = Resolve(file);
            if (source is null || !File.Exists(source))
            {
                FileNotFound(clip, key, seq, source ?? file, original);
                return;
            }
            sources.Add(source);
        }
        foreach (var source in sources)
        {
            Register(clip, key, source);
        }
        seq.TargetUrlBase = OtioBundle.MediaDirectoryName + "/";
        // The media folder is flat: a prefix with folders ("shots/a.") keeps only its file-name part.
        var prefix = seq.NamePrefix.Replace('\\', '/');
        var cut = prefix.LastIndexOf('/');
        if (cut >= 0)
        {
            seq.NamePrefix = prefix[(cut + 1)..];
        }
    }

    private string? Resolve(string file)
    {
        try
        {
            return Path.GetFullPath(file, _baseDir);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    private string Register(Clip clip, string key, string source)
    {
        if (_bySource.TryGetValue(source, out var known))
        {
            return known.ArchiveName;
        }
        var basename = Path.GetFileName(source);
        var folded = basename.ToLowerInvariant();
        if (_byBasename.TryGetValue(folded, out var other))
        {
            throw new OtioException(OtioErrorKind.BundleError,
                $"{_bundle}: {Describe(clip, key)}: media file '{source}' has the same name as '{other}' (names are compared " +
                "without regard to case); a bundle's media folder is flat, so media files need unique names");
        }
        _byBasename[folded] = source;
        var file = new MediaFile(source, OtioBundle.MediaDirectoryName + "/" + basename);
        _bySource[source] = file;
        return file.ArchiveName;
    }

    private void NotAFile(Clip clip, string key, MediaReference reference, string why, string? originalUrl)
    {
        if (_policy == OtioBundleMediaPolicy.ErrorIfNotFile)
        {
            throw new OtioException(OtioErrorKind.BundleError,
                $"{_bundle}: {Describe(clip, key)}: {why}; bundles take only local media files " +
                $"(use {nameof(OtioBundleMediaPolicy)}.{nameof(OtioBundleMediaPolicy.MissingIfNotFile)} to write a missing reference instead)");
        }
        MakeMissing(clip, key, reference, NotAFileReason, originalUrl);
    }

    private void FileNotFound(Clip clip, string key, MediaReference reference, string path, string? originalUrl)
    {
        if (_policy == OtioBundleMediaPolicy.ErrorIfNotFile)
        {
            throw new OtioException(OtioErrorKind.BundleError,
                $"{_bundle}: {Describe(clip, key)}: media file '{path}' does not exist or is not a file");
        }
        MakeMissing(clip, key, reference, FileNotFoundReason, originalUrl);
    }

    private static void MakeMissing(Clip clip, string key, MediaReference reference, string reason, string? originalUrl)
    {
        var missing = new MissingReference { Name = reference.Name };
        var metadata = reference.Metadata.DeepClone();
        metadata[MissingBecauseKey] = reason;
        if (originalUrl is not null)
        {
            metadata[OriginalTargetUrlKey] = originalUrl;
        }
        missing.Metadata = metadata;
        clip.AddMediaReference(key, missing);
    }

    private static string Describe(Clip clip, string key)
    {
        var name = clip.Name.Length > 0 ? $"clip '{clip.Name}'" : "an unnamed clip";
        return $"{name}, media reference '{key}'";
    }
}
