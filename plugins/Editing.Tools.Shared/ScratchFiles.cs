using System.Globalization;
using System.Runtime.InteropServices;

namespace Editing.Tools.Shared;

/// <summary>Names and places files in the call's scratch folder.</summary>
internal static class ScratchFiles
{
    /// <summary>A path in <paramref name="scratch"/> named <paramref name="name"/> + <paramref name="extension"/> that
    /// does not exist yet (<c>ext-tail.mov</c>, <c>ext-tail-2.mov</c>...).</summary>
    public static string NewPath(string scratch, string name, string extension)
    {
        Directory.CreateDirectory(scratch);
        var path = Path.Combine(scratch, name + extension);
        for (var n = 2; File.Exists(path) || Directory.Exists(path); n++)
        {
            path = Path.Combine(scratch, string.Create(CultureInfo.InvariantCulture, $"{name}-{n}{extension}"));
        }

        return path;
    }

    /// <summary>
    /// The file as an output of this call: <paramref name="path"/> itself when it already lies in
    /// <paramref name="scratch"/>, else a second name for it there (a hard link), or a copy where links are impossible
    /// (Windows, another file system). Generated files may live in a provider's or the cache's folder whose lifetime
    /// the tool does not control, and the host moves outputs out of the scratch folder; a link or a copy keeps the
    /// cache entry intact (nothing writes into a finished file: every writer makes a new one and renames it).
    /// </summary>
    public static async Task<string> AdoptAsync(string path, string scratch, string name, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(scratch)) + Path.DirectorySeparatorChar;
        if (full.StartsWith(root, StringComparison.Ordinal))
        {
            return full;
        }

        var target = NewPath(scratch, name, Path.GetExtension(full));
        if (TryHardLink(full, target))
        {
            return target;
        }

        var source = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (source.ConfigureAwait(false))
        {
            var destination = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (destination.ConfigureAwait(false))
            {
                await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            }
        }

        return target;
    }

    private static bool TryHardLink(string source, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return link(source, target) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath);
}
