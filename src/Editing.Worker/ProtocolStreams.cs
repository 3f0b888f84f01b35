using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Editing.Worker;

/// <summary>
/// Takes stdin and stdout away from plugin code. On Linux the two file descriptors are duplicated to private
/// descriptors (close-on-exec, so child processes such as ffmpeg never hold the protocol pipes open), fd 1 is pointed
/// at stderr and fd 0 at /dev/null: even native code writing to stdout or reading stdin cannot touch the protocol.
/// Elsewhere the managed console is redirected only. In every case <see cref="Console.Out"/> writes to stderr and
/// <see cref="Console.In"/> is empty.
/// </summary>
internal static partial class ProtocolStreams
{
    private const int LinuxDuplicateCloseOnExec = 1030; // F_DUPFD_CLOEXEC
    private const int ReadOnly = 0;

    public static (Stream Input, Stream Output) Take()
    {
        Stream input, output;
        if (OperatingSystem.IsLinux() && TryTakeLinux(out var inFd, out var outFd))
        {
            input = new FileStream(new SafeFileHandle(inFd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
            output = new FileStream(new SafeFileHandle(outFd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
        }
        else
        {
            input = Console.OpenStandardInput();
            output = Console.OpenStandardOutput();
        }

        Console.SetOut(Console.Error);
        Console.SetIn(TextReader.Null);
        return (input, output);
    }

    private static bool TryTakeLinux(out IntPtr input, out IntPtr output)
    {
        input = output = IntPtr.Zero;
        var inFd = Fcntl(0, LinuxDuplicateCloseOnExec, 3);
        var outFd = Fcntl(1, LinuxDuplicateCloseOnExec, 3);
        if (inFd < 0 || outFd < 0)
        {
            return false;
        }

        // From here on the private copies are used whatever happens to fds 0 and 1 (best effort).
        _ = Dup2(2, 1);
        var devNull = Open("/dev/null", ReadOnly);
        if (devNull >= 0)
        {
            _ = Dup2(devNull, 0);
            _ = Close(devNull);
        }

        input = inFd;
        output = outFd;
        return true;
    }

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, int command, int argument);

    [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static extern int Dup2(int oldFd, int newFd);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
