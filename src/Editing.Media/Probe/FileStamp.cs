using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Editing.Media.Probe;

/// <summary>
/// What identifies a file's content for <see cref="ProbeCache"/>: length and last-write time, and where the platform
/// tells (Linux, through <c>statx</c>) the device and inode, which a rename or a hard link keeps.
/// </summary>
internal readonly record struct FileStamp(long Length, DateTime Written, ulong Device, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;

    private static bool _statxMissing;

    /// <summary>Whether <see cref="Device"/> and <see cref="Inode"/> are known.</summary>
    public bool HasIdentity => Inode != 0;

    /// <summary>Same length and last-write time (the identity is compared by the caller's lookup).</summary>
    public bool SameContentAs(FileStamp other) => Length == other.Length && Written == other.Written;

    /// <summary>The stamp of <paramref name="fullPath"/> now, or null when it does not exist or cannot be read.</summary>
    public static FileStamp? Of(string fullPath)
    {
        if (OperatingSystem.IsLinux() && !_statxMissing && FromStatx(fullPath) is { } stamp)
        {
            return stamp;
        }
        return FromFileInfoOnly(fullPath);
    }

    /// <summary>
    /// One <c>statx</c> call. The structure's layout is the same on every Linux architecture: inode at byte 32, size
    /// at 40, mode at 28, modification time (seconds, nanoseconds) at 112, device major and minor at 136 and 140.
    /// </summary>
    private static FileStamp? FromStatx(string fullPath)
    {
        var buffer = new byte[256];
        try
        {
            if (statx(AtFdCwd, fullPath, 0, StatxBasicStats, buffer) != 0)
            {
                // A missing file is null; any other refusal falls back to FileInfo, which reports it the usual way.
                return Marshal.GetLastPInvokeError() == 2 ? null : FromFileInfoOnly(fullPath);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _statxMissing = true;
            return FromFileInfoOnly(fullPath);
        }
        var span = buffer.AsSpan();
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
        if ((mode & 0xF000) != 0x8000)
        {
            // Not a regular file (a folder, a device): nothing to remember it by.
            return FromFileInfoOnly(fullPath);
        }
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(span[32..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(span[40..]);
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(span[112..]);
        var nanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(span[120..]);
        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(span[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(span[140..]);
        var written = DateTime.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100));
        return new FileStamp(size, written, device, inode);
    }

    private static FileStamp? FromFileInfoOnly(string fullPath)
    {
        try
        {
            var file = new FileInfo(fullPath);
            return file.Exists ? new FileStamp(file.Length, file.LastWriteTimeUtc, 0, 0) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code for its generated marshalling. The layout is
    // little-endian here because .NET on Linux runs on little-endian machines only.
    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string pathname, int flags, uint mask, byte[] buffer);
}
