using System.IO.Compression;

namespace Editing.Otio.Bundles;

/// <summary>
/// Zip-slip and symbolic-link checks: a bundle entry may name only a place inside the bundle.
/// </summary>
internal static class BundleSafety
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymlink = 0xA000;
    private const int MaxLinkHops = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// Refuses a zip entry whose name escapes the bundle (empty, <c>..</c> segments, absolute, a drive letter,
    /// backslash separators, NUL) or that is a Unix symbolic link.
    /// </summary>
    internal static void CheckZipEntry(string bundle, ZipArchiveEntry entry)
    {
        var name = entry.FullName;
        var why = ZipEntryNameProblem(name);
        if (why is null && ((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymlink)
        {
            why = "it is a symbolic link";
        }
        if (why is not null)
        {
            throw new OtioException(OtioErrorKind.BundleError, $"{bundle}: entry '{name}' is refused: {why}");
        }
    }

    /// <summary>Why a zip entry name would escape the extract folder, or null when it is safe.</summary>
    internal static string? ZipEntryNameProblem(string name)
    {
        if (name.Length == 0)
        {
            return "the name is empty";
        }
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            return "the name contains a NUL character";
        }
        if (name.Contains('\\', StringComparison.Ordinal))
        {
            return "the name uses backslashes as separators";
        }
        if (name[0] == '/')
        {
            return "the name is an absolute path";
        }
        if (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':')
        {
            return "the name starts with a drive letter";
        }
        if (OperatingSystem.IsWindows() && name.Contains(':', StringComparison.Ordinal))
        {
            return "the name contains ':' (an alternate data stream on Windows)";
        }
        foreach (var segment in name.Split('/'))
        {
            if (segment == "..")
            {
                return "the name has a '..' segment that leaves the bundle";
            }
        }
        return null;
    }

    /// <summary>
    /// The full path an entry extracts to under <paramref name="root"/>, checked again to lie inside it.
    /// </summary>
    internal static string ExtractPath(string bundle, string root, string name)
    {
        var full = Path.GetFullPath(Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar)));
        if (!IsInside(full, root))
        {
            throw new OtioException(OtioErrorKind.BundleError, $"{bundle}: entry '{name}' is refused: it would be extracted outside the folder");
        }
        return full;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it (both full paths).</summary>
    internal static bool IsInside(string path, string root)
    {
        var r = Path.TrimEndingDirectorySeparator(root);
        var p = Path.TrimEndingDirectorySeparator(path);
        if (p.Equals(r, PathComparison))
        {
            return true;
        }
        return p.Length > r.Length
            && p.StartsWith(r, PathComparison)
            && (p[r.Length] == Path.DirectorySeparatorChar || p[r.Length] == Path.AltDirectorySeparatorChar);
    }

    /// <summary>
    /// Checks the parts of an <c>.otiod</c> folder that are read or referenced (<c>content.otio</c>,
    /// <c>version.txt</c>, <c>media/</c> and everything below it): every symbolic link on the way must resolve inside the
    /// folder.
    /// </summary>
    internal static void CheckOtiodLinks(string bundle, string root)
    {
        var realRoot = RealRoot(root);
        var budget = MaxLinkHops * 64;
        foreach (var name in new[] { OtioBundle.ContentFileName, OtioBundle.VersionFileName })
        {
            var path = Path.Combine(root, name);
            if (Exists(path))
            {
                ResolveWithin(bundle, root, realRoot, name, path, ref budget);
            }
        }

        var media = Path.Combine(root, OtioBundle.MediaDirectoryName);
        if (!Exists(media))
        {
            return;
        }
        var visited = new HashSet<string>(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var pending = new Stack<(string Path, string Entry)>();
        pending.Push((media, OtioBundle.MediaDirectoryName));
        while (pending.Count > 0)
        {
            var (path, entry) = pending.Pop();
            budget = MaxLinkHops * 64;
            var resolved = ResolveWithin(bundle, root, realRoot, entry, path, ref budget);
            if (!Directory.Exists(resolved) || !visited.Add(resolved))
            {
                continue;
            }
            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateFileSystemEntries(resolved).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OtioException(OtioErrorKind.FileOpenFailed, $"{bundle}: cannot list '{entry}': {e.Message}", e);
            }
            foreach (var child in children)
            {
                pending.Push((Path.Combine(path, Path.GetFileName(child)), entry + "/" + Path.GetFileName(child)));
            }
        }
    }

    /// <summary>
    /// Resolves every symbolic link on <paramref name="path"/> (a full path inside <paramref name="root"/>), refusing
    /// any whose target leaves the folder, and returns the resolved path (still inside the folder).
    /// </summary>
    private static string ResolveWithin(string bundle, string root, string? realRoot, string entry, string path, ref int budget)
    {
        var relative = Path.GetRelativePath(root, path);
        if (relative == ".")
        {
            return root;
        }
        var current = root;
        foreach (var part in relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }
            current = Path.Combine(current, part);
            string? target;
            while ((target = LinkTarget(current)) is not null)
            {
                if (--budget < 0)
                {
                    throw new OtioException(OtioErrorKind.BundleError, $"{bundle}: entry '{entry}' is refused: too many levels of symbolic links");
                }
                var next = Path.GetFullPath(target, Path.GetDirectoryName(current) ?? root);
                if (!IsInside(next, root))
                {
                    if (realRoot is not null && IsInside(next, realRoot))
                    {
                        next = Path.Join(root, Path.GetRelativePath(realRoot, next));
                    }
                    else
                    {
                        throw new OtioException(OtioErrorKind.BundleError,
                            $"{bundle}: entry '{entry}' is refused: it is or goes through a symbolic link to '{target}', outside the bundle");
                    }
                }
                current = ResolveWithin(bundle, root, realRoot, entry, next, ref budget);
            }
        }
        return current;
    }

    private static string? RealRoot(string root)
    {
        try
        {
            var info = new DirectoryInfo(root);
            if (info.LinkTarget is null)
            {
                return null;
            }
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || LinkTarget(path) is not null;
}
