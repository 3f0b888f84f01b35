using System.IO.Pipes;
using System.Runtime.InteropServices;
using Editing.Media.Execution;

namespace Editing.Media.Tests.Execution;

public sealed class PipeSizeTests
{
    [Fact]
    public async Task Frame_pipes_to_ffmpeg_are_widened_to_a_megabyte_on_linux()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // F_SETPIPE_SZ is Linux only; elsewhere the pipe keeps its default size.
        }
        var invocation = new ToolInvocation(MediaTools.Shared.FfmpegPath,
            ["-nostdin", "-v", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "2x2", "-i", "pipe:0", "-f", "null", "-"])
        {
            Subject = "pipe test",
            WriteStdin = true,
        };
        await using var process = FfmpegProcess.Start(invocation, CancellationToken.None);

        var size = fcntl((int)((PipeStream)process.StandardInput).SafePipeHandle.DangerousGetHandle(), 1032, 0); // F_GETPIPE_SZ
        process.CloseStdin();
        await process.WaitForSuccessAsync();

        Assert.Equal(1 << 20, size);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int command, int argument);
}
