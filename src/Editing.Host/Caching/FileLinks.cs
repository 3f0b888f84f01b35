using System.Runtime.InteropServices;

namespace Editing.Host.Caching;

/// <summary>
/// Hard links, so a cached result reaches the media folder (and a new result the cache) without copying its bytes.
/// Where a link is impossible (Windows, another file system, a file system without links) the caller copies.
/// </summary>
internal static class FileLinks
{
    /// <summary>Makes <paramref name="target"/> a second name of <paramref name="source"/>; false when the platform or
    /// file system cannot (the caller then copies).</summary>
    public static bool TryHardLink(string source, string target)
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

    /// <summary>Links, else copies, <paramref name="source"/> to the new file <paramref name="target"/>.</summary>
    public static async Task LinkOrCopyAsync(string source, string target, CancellationToken cancellationToken)
    {
        if (TryHardLink(source, target))
        {
            return;
        }

        await using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code for its generated marshalling.
    [DllImport("libc", SetLastError = true)]
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath);
}
