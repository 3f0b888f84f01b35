using System.IO.Compression;
using System.Text;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Otio.Bundles;

/// <summary>
/// Reads and writes OTIO bundles (otio-format.md §9): <c>.otioz</c>, a zip holding <c>version.txt</c>,
/// <c>content.otio</c> and a flat <c>media/</c> folder, and <c>.otiod</c>, the same layout as a folder.
/// </summary>
/// <remarks>
/// Writing works on a clone, rewrites every clip's media references (all of them, not only the active one) to
/// <c>media/&lt;name&gt;</c>, and writes through a temporary file or folder beside the target that is renamed into place
/// when complete, so a failed write leaves nothing behind. Reading refuses entries that would escape the bundle.
/// Errors name the bundle and the entry or clip involved.
/// </remarks>
public static class OtioBundle
{
    /// <summary>The bundle format version written to <see cref="VersionFileName"/>.</summary>
    public const string BundleVersion = "1.0.0";

    /// <summary>The name of the version file.</summary>
    public const string VersionFileName = "version.txt";

    /// <summary>The name of the timeline file.</summary>
    public const string ContentFileName = "content.otio";

    /// <summary>The name of the (flat) media folder.</summary>
    public const string MediaDirectoryName = "media";

    /// <summary>More bytes than this in <c>content.otio</c> inside an <c>.otioz</c> is refused.</summary>
    private const long MaxContentBytes = int.MaxValue - 64;

    // Unix mode bits for a regular file, 0644, in the high half of a zip entry's external attributes.
    private const int RegularFileAttributes = unchecked((int)0x81A40000u);

    /// <summary>
    /// The local file path a media URL names, or null when it is not a file (reference library's <c>file_from_url</c>).
    /// </summary>
    /// <remarks>
    /// A URL that does not start with <c>file://</c> (any case) is not a file if it contains <c>://</c> and is otherwise
    /// returned unchanged as a bare (possibly relative) path. For <c>file://</c>: the authority and path are split, the
    /// query and fragment dropped, the path percent-decoded (UTF-8); <c>file://C:/x</c> and <c>file:///C:/x</c> give
    /// <c>C:/x</c>; an authority other than <c>localhost</c> gives the UNC path <c>//host/path</c>; otherwise the path.
    /// Backslashes become <c>/</c>.
    /// </remarks>
    public static string? FileFromUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return BundleUrls.FileFromUrl(url);
    }

    /// <summary>
    /// A <c>file://</c> URL for a local path (made absolute against the working directory), percent-encoded so that
    /// <see cref="FileFromUrl"/> gives the path back.
    /// </summary>
    public static string FileUrlFromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return BundleUrls.FileUrlFromPath(Path.GetFullPath(path));
    }

    /// <summary>Reads the object graph in an <c>.otioz</c> file, optionally extracting the whole archive.</summary>
    /// <param name="path">The <c>.otioz</c> file.</param>
    /// <param name="options">An extract folder (which must not exist) and whether to make media URLs absolute.</param>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.FileOpenFailed"/> when the file cannot be read; <see cref="OtioErrorKind.BundleError"/>
    /// when it is not a zip, has no <c>content.otio</c>, or has an entry that escapes the bundle (<c>..</c>, absolute
    /// names, drive letters, backslashes, symbolic links); <see cref="OtioErrorKind.FileWriteFailed"/> when the extract
    /// folder exists or cannot be written; <see cref="OtioReadException"/> when <c>content.otio</c> is not valid OTIO.
    /// </exception>
    public static SerializableObject ReadOtioz(string path, OtioBundleReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= OtioBundleReadOptions.Default;
        if (!File.Exists(path))
        {
            throw new OtioException(OtioErrorKind.FileOpenFailed,
                Directory.Exists(path) ? $"{path}: is a folder, not an .otioz file" : $"{path}: the .otioz file does not exist");
        }
        string? extractFull = null;
        if (options.ExtractDirectory is { } extract)
        {
            extractFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(extract));
            if (File.Exists(extractFull) || Directory.Exists(extractFull))
            {
                throw new OtioException(OtioErrorKind.FileWriteFailed, $"{path}: the extract folder '{extract}' already exists");
            }
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OtioException(OtioErrorKind.FileOpenFailed, $"{path}: cannot open: {e.Message}", e);
        }

        SerializableObject root;
        using (stream)
        {
            ZipArchive zip;
            try
            {
                zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException e)
            {
                throw new OtioException(OtioErrorKind.BundleError, $"{path}: not a zip archive: {e.Message}", e);
            }
            catch (IOException e)
            {
                throw new OtioException(OtioErrorKind.FileOpenFailed, $"{path}: cannot read: {e.Message}", e);
            }
            using (zip)
            {
                ZipArchiveEntry? content = null;
                foreach (var entry in zip.Entries)
                {
                    BundleSafety.CheckZipEntry(path, entry);
                    if (entry.FullName == ContentFileName)
                    {
                        if (content is not null)
                        {
                            throw new OtioException(OtioErrorKind.BundleError, $"{path}: entry '{ContentFileName}' appears more than once");
                        }
                        content = entry;
                    }
                }
                if (content is null)
                {
                    throw new OtioException(OtioErrorKind.BundleError, $"{path}: the bundle has no '{ContentFileName}' entry");
                }
                var json = ReadEntryBytes(path, content);
                root = OtioJson.ReadBytes(json, $"{path}!{ContentFileName}");
                if (extractFull is not null)
                {
                    Extract(path, zip, extractFull);
                }
            }
        }

        if (extractFull is not null && options.AbsoluteMediaReferencePaths)
        {
            BundleUrls.MakeMediaUrlsAbsolute(root, extractFull);
        }
        return root;
    }

    /// <summary>
    /// Reads the object graph in an <c>.otiod</c> folder. Folders without <c>version.txt</c> (as OTIO 0.18 and earlier
    /// wrote them) are accepted; <c>content.otio</c> is required.
    /// </summary>
    /// <param name="directory">The <c>.otiod</c> folder.</param>
    /// <param name="options">Whether to make relative media URLs absolute <c>file://</c> URLs against the folder.</param>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.FileOpenFailed"/> when the folder does not exist; <see cref="OtioErrorKind.BundleError"/>
    /// when <c>content.otio</c> is missing or a symbolic link (<c>content.otio</c>, <c>version.txt</c>, anything under
    /// <c>media/</c>) leads outside the folder; <see cref="OtioReadException"/> when <c>content.otio</c> is not valid OTIO.
    /// </exception>
    public static SerializableObject ReadOtiod(string directory, OtioBundleReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= OtioBundleReadOptions.Default;
        if (!Directory.Exists(directory))
        {
            throw new OtioException(OtioErrorKind.FileOpenFailed,
                File.Exists(directory) ? $"{directory}: is a file, not an .otiod folder" : $"{directory}: the .otiod folder does not exist");
        }
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        BundleSafety.CheckOtiodLinks(directory, root);
        var contentPath = Path.Combine(root, ContentFileName);
        if (!File.Exists(contentPath))
        {
            throw new OtioException(OtioErrorKind.BundleError, $"{directory}: the bundle has no '{ContentFileName}' file");
        }
        var result = OtioJson.ReadFile(contentPath);
        if (options.AbsoluteMediaReferencePaths)
        {
            BundleUrls.MakeMediaUrlsAbsolute(result, root);
        }
        return result;
    }

    /// <summary>
    /// Writes an object graph and its media as an <c>.otioz</c> file: <c>version.txt</c> and <c>content.otio</c>
    /// (deflated), then the media files stored uncompressed under <c>media/</c>, sorted by source path.
    /// </summary>
    /// <param name="root">The timeline (or other object) to bundle; it is not changed.</param>
    /// <param name="path">The <c>.otioz</c> file to create; it must not exist.</param>
    /// <param name="options">The media policy, the folder relative media paths are resolved against, JSON options.</param>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.FileWriteFailed"/> when the output exists or cannot be written;
    /// <see cref="OtioErrorKind.BundleError"/> for a reference that is not a local file (under
    /// <see cref="OtioBundleMediaPolicy.ErrorIfNotFile"/>), a media file that does not exist, or two media files with
    /// the same name; <see cref="OtioErrorKind.FileOpenFailed"/> when a media file cannot be read.
    /// </exception>
    public static void WriteOtioz(SerializableObject root, string path, OtioBundleWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= OtioBundleWriteOptions.Default;
        var full = CheckOutput(path);
        var (json, files) = Prepare(root, path, options);

        var tmp = TempBeside(full);
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                using (var zip = new ZipArchive(fs, ZipArchiveMode.Create, leaveOpen: true))
                {
                    var now = ZipTime(DateTimeOffset.Now);
                    AddBytes(zip, VersionFileName, Encoding.ASCII.GetBytes(BundleVersion), now);
                    AddBytes(zip, ContentFileName, json, now);
                    foreach (var file in files)
                    {
                        AddMediaFile(path, zip, file);
                    }
                }
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDeleteFile(tmp);
            throw new OtioException(OtioErrorKind.FileWriteFailed, $"{path}: cannot write the bundle: {e.Message}", e);
        }
        catch
        {
            TryDeleteFile(tmp);
            throw;
        }
    }

    /// <summary>
    /// Writes an object graph and its media as an <c>.otiod</c> folder: <c>version.txt</c>, <c>content.otio</c> and the
    /// media files copied into <c>media/</c>.
    /// </summary>
    /// <param name="root">The timeline (or other object) to bundle; it is not changed.</param>
    /// <param name="directory">The <c>.otiod</c> folder to create; it must not exist.</param>
    /// <param name="options">The media policy, the folder relative media paths are resolved against, JSON options.</param>
    /// <exception cref="OtioException">As <see cref="WriteOtioz"/>.</exception>
    public static void WriteOtiod(SerializableObject root, string directory, OtioBundleWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= OtioBundleWriteOptions.Default;
        var full = CheckOutput(directory);
        var (json, files) = Prepare(root, directory, options);

        var tmp = TempBeside(full);
        try
        {
            Directory.CreateDirectory(tmp);
            var media = Path.Combine(tmp, MediaDirectoryName);
            Directory.CreateDirectory(media);
            WriteAllBytes(Path.Combine(tmp, VersionFileName), Encoding.ASCII.GetBytes(BundleVersion));
            WriteAllBytes(Path.Combine(tmp, ContentFileName), json);
            foreach (var file in files)
            {
                var target = Path.Combine(tmp, file.ArchiveName.Replace('/', Path.DirectorySeparatorChar));
                try
                {
                    File.Copy(file.SourcePath, target, overwrite: false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new OtioException(OtioErrorKind.FileWriteFailed,
                        $"{directory}: cannot copy media file '{file.SourcePath}' to '{file.ArchiveName}': {e.Message}", e);
                }
            }
            Directory.Move(tmp, full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDeleteDirectory(tmp);
            throw new OtioException(OtioErrorKind.FileWriteFailed, $"{directory}: cannot write the bundle: {e.Message}", e);
        }
        catch
        {
            TryDeleteDirectory(tmp);
            throw;
        }
    }

    private static (byte[] Json, IReadOnlyList<BundleMediaPlan.MediaFile> Files) Prepare(SerializableObject root, string bundle, OtioBundleWriteOptions options)
    {
        var clone = root.Clone();
        var plan = BundleMediaPlan.Prepare(clone, bundle, options);
        var json = OtioJson.WriteBytes(clone, options.WriteOptions);
        return (json, plan.Files);
    }

    private static string CheckOutput(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(full) || Directory.Exists(full))
        {
            throw new OtioException(OtioErrorKind.FileWriteFailed, $"{path}: the output already exists; bundles are never overwritten");
        }
        var parent = Path.GetDirectoryName(full);
        if (parent is null || !Directory.Exists(parent))
        {
            throw new OtioException(OtioErrorKind.FileWriteFailed, $"{path}: the folder '{parent}' does not exist");
        }
        return full;
    }

    private static string TempBeside(string full)
        => Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    private static void AddBytes(ZipArchive zip, string name, byte[] bytes, DateTimeOffset time)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = time;
        entry.ExternalAttributes = RegularFileAttributes;
        using var s = entry.Open();
        s.Write(bytes);
    }

    private static void AddMediaFile(string bundle, ZipArchive zip, BundleMediaPlan.MediaFile file)
    {
        FileStream source;
        try
        {
            source = new FileStream(file.SourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OtioException(OtioErrorKind.FileOpenFailed,
                $"{bundle}: cannot read media file '{file.SourcePath}' for entry '{file.ArchiveName}': {e.Message}", e);
        }
        using (source)
        {
            var entry = zip.CreateEntry(file.ArchiveName, CompressionLevel.NoCompression);
            entry.LastWriteTime = ZipTime(File.GetLastWriteTime(file.SourcePath));
            entry.ExternalAttributes = RegularFileAttributes;
            using var target = entry.Open();
            source.CopyTo(target, 1 << 16);
        }
    }

    // Zip timestamps are DOS times: 1980 to 2107.
    private static DateTimeOffset ZipTime(DateTimeOffset t)
    {
        var min = new DateTimeOffset(1980, 1, 1, 0, 0, 0, t.Offset);
        var max = new DateTimeOffset(2107, 12, 31, 23, 59, 58, t.Offset);
        return t < min ? min : t > max ? max : t;
    }

    private static byte[] ReadEntryBytes(string bundle, ZipArchiveEntry entry)
    {
        if (entry.Length > MaxContentBytes)
        {
            throw new OtioException(OtioErrorKind.BundleError, $"{bundle}: entry '{entry.FullName}' is too large ({entry.Length} bytes)");
        }
        try
        {
            using var s = entry.Open();
            using var ms = new MemoryStream((int)Math.Max(0, entry.Length));
            s.CopyTo(ms);
            return ms.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new OtioException(OtioErrorKind.BundleError, $"{bundle}: entry '{entry.FullName}' cannot be read: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new OtioException(OtioErrorKind.FileOpenFailed, $"{bundle}: entry '{entry.FullName}' cannot be read: {e.Message}", e);
        }
    }

    private static void Extract(string bundle, ZipArchive zip, string extractFull)
    {
        var parent = Path.GetDirectoryName(extractFull);
        var tmp = TempBeside(extractFull);
        string? entryName = null;
        try
        {
            if (parent is not null)
            {
                Directory.CreateDirectory(parent);
            }
            Directory.CreateDirectory(tmp);
            foreach (var entry in zip.Entries)
            {
                entryName = entry.FullName;
                var target = BundleSafety.ExtractPath(bundle, tmp, entry.FullName);
                if (entry.FullName.EndsWith('/'))
                {
                    Directory.CreateDirectory(target);
                    continue;
                }
                var dir = Path.GetDirectoryName(target);
                if (dir is not null)
                {
                    Directory.CreateDirectory(dir);
                }
                using var source = entry.Open();
                using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                source.CopyTo(output, 1 << 16);
            }
            entryName = null;
            Directory.Move(tmp, extractFull);
        }
        catch (InvalidDataException e)
        {
            TryDeleteDirectory(tmp);
            throw new OtioException(OtioErrorKind.BundleError, $"{bundle}: entry '{entryName}' cannot be extracted: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDeleteDirectory(tmp);
            var what = entryName is null ? $"cannot create the extract folder '{extractFull}'" : $"cannot extract entry '{entryName}' to '{extractFull}'";
            throw new OtioException(OtioErrorKind.FileWriteFailed, $"{bundle}: {what}: {e.Message}", e);
        }
        catch
        {
            TryDeleteDirectory(tmp);
            throw;
        }
    }

    private static void WriteAllBytes(string path, byte[] bytes)
    {
        using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        fs.Write(bytes);
        fs.Flush(flushToDisk: true);
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
