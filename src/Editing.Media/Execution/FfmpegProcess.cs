using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Editing.Media.Execution;

/// <summary>
/// A running ffmpeg/ffprobe process. stderr is always drained into a bounded tail on its own task (and stdout too,
/// unless the caller streams it), so a chatty process can never block on a full pipe. Cancelling the token kills the
/// whole process tree; <see cref="WaitForSuccessAsync"/> then throws <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class FfmpegProcess : IAsyncDisposable
{
    private const int TailLines = 20;

    private readonly Process _process;
    private readonly ToolInvocation _invocation;
    private readonly StderrTail _stderr = new(TailLines);
    private readonly Task _stderrPump;
    private readonly Task<string> _stdoutPump;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _registration;
    private int _killedByUs;
    private bool _waited;

    private FfmpegProcess(Process process, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        _process = process;
        _invocation = invocation;
        _cancellationToken = cancellationToken;
        _stderrPump = PumpStderrAsync();
        _stdoutPump = invocation.StreamStdout ? Task.FromResult(string.Empty) : PumpStdoutAsync();
        if (!invocation.WriteStdin)
        {
            CloseStdin();
        }
        _registration = cancellationToken.Register(static state => ((FfmpegProcess)state!).Kill(), this);
    }

    /// <summary>
    /// When set (tests), every invocation started in this async flow is added to the list: which tools ran, with
    /// which arguments.
    /// </summary>
    internal static AsyncLocal<List<ToolInvocation>?> Recorder { get; } = new();

    /// <summary>The process's stdin (raw bytes); only when <see cref="ToolInvocation.WriteStdin"/>.</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    /// <summary>The process's stdout (raw bytes); only when <see cref="ToolInvocation.StreamStdout"/>.</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <summary>The last stderr lines so far.</summary>
    public string StderrTail => _stderr.Text;

    /// <summary>The command line, quoted for a POSIX shell, for messages.</summary>
    public string CommandLine => FormatCommandLine(_invocation.Executable, _invocation.Arguments);

    /// <summary>True once the process has exited.</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Starts the program. Throws <see cref="MediaException"/> (ToolMissing) when it cannot be started.</summary>
    public static FfmpegProcess Start(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Recorder.Value is { } recorded)
        {
            lock (recorded)
            {
                recorded.Add(invocation);
            }
        }
        var info = new ProcessStartInfo(invocation.Executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            CreateNoWindow = true,
        };
        foreach (var argument in invocation.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is Win32Exception or FileNotFoundException or InvalidOperationException)
        {
            process.Dispose();
            throw new MediaException(
                MediaErrorKind.ToolMissing,
                $"Could not start {invocation.Executable} for '{invocation.Subject}': {ex.Message}",
                invocation.Subject,
                commandLine: FormatCommandLine(invocation.Executable, invocation.Arguments),
                inner: ex);
        }
        if (invocation.WriteStdin)
        {
            WidenPipe(process.StandardInput.BaseStream);
        }
        if (invocation.StreamStdout)
        {
            WidenPipe(process.StandardOutput.BaseStream);
        }
        return new FfmpegProcess(process, invocation, cancellationToken);
    }

    /// <summary>
    /// Raw frames are megabytes each: through Linux's default 64 kB pipe, one 1080p frame is a hundred or more
    /// hand-overs between the two processes. A 1 MB pipe (the unprivileged maximum) cuts that tenfold. Best effort:
    /// elsewhere, or when refused, the pipe stays as it is.
    /// </summary>
    private static void WidenPipe(Stream stream)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            var handle = stream switch
            {
                System.IO.Pipes.PipeStream pipe => pipe.SafePipeHandle.DangerousGetHandle(),
                FileStream file => file.SafeFileHandle.DangerousGetHandle(),
                _ => IntPtr.Zero,
            };
            if (handle != IntPtr.Zero)
            {
                _ = fcntl(handle.ToInt32(), SetPipeSize, PipeBytes);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or ObjectDisposedException or InvalidOperationException)
        {
            // Keep the default size.
        }
    }

    private const int SetPipeSize = 1031; // F_SETPIPE_SZ
    private const int PipeBytes = 1 << 20;

    // DllImport rather than LibraryImport: the latter needs unsafe code for its generated marshalling.
    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int command, int argument);

    /// <summary>Closes stdin (end of input for <c>-i -</c>); harmless when already closed or the process is gone.</summary>
    public void CloseStdin()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The reader is gone (ffmpeg exited); its exit code tells why.
        }
    }

    /// <summary>Kills the whole process tree if it still runs.</summary>
    public void Kill()
    {
        Interlocked.Exchange(ref _killedByUs, 1);
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exiting while we tried.
        }
    }

    /// <summary>
    /// Waits for the exit and the output pumps. Throws <see cref="OperationCanceledException"/> if the token was
    /// cancelled, <see cref="MediaException"/> on a non-zero exit; returns the result otherwise.
    /// </summary>
    public async Task<ToolResult> WaitForSuccessAsync()
    {
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        _waited = true;
        string stdout;
        try
        {
            await _stderrPump.ConfigureAwait(false);
            stdout = await _stdoutPump.ConfigureAwait(false);
        }
        finally
        {
            await _registration.DisposeAsync().ConfigureAwait(false);
        }
        if (_cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{_invocation.ToolName} on '{_invocation.Subject}' was cancelled.", _cancellationToken);
        }
        var exitCode = _process.ExitCode;
        if (exitCode != 0)
        {
            throw Failure(exitCode);
        }
        return new ToolResult(exitCode, stdout, _stderr.Text);
    }

    /// <summary>
    /// Builds the error for a failed run: the kind is read from ffmpeg's words, the message names the subject file,
    /// and carries the stderr tail and the command line.
    /// </summary>
    public MediaException Failure(int exitCode, string? extra = null)
    {
        var tail = _stderr.Text;
        var kind = Classify(exitCode, tail);
        var what = kind switch
        {
            MediaErrorKind.InputNotFound => "an input does not exist or cannot be opened",
            MediaErrorKind.InvalidMedia => "an input is not readable media",
            MediaErrorKind.UnsupportedCodec => "a codec is unavailable or does not fit the container",
            MediaErrorKind.Cancelled => "the process was killed from outside",
            _ => "the process failed",
        };
        var message = new StringBuilder()
            .Append(_invocation.ToolName).Append(" failed (exit code ").Append(exitCode).Append(") on '")
            .Append(_invocation.Subject).Append("': ").Append(what).Append('.');
        if (extra is not null)
        {
            message.Append(' ').Append(extra);
        }
        message.Append('\n').Append(_invocation.ToolName).Append(" said:\n")
            .Append(tail.Length == 0 ? "  (nothing)" : "  " + tail.Replace("\n", "\n  ", StringComparison.Ordinal))
            .Append("\nCommand: ").Append(CommandLine);
        return new MediaException(kind, message.ToString(), _invocation.Subject, tail, CommandLine, exitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            Kill();
        }
        if (!_waited)
        {
            try
            {
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                await Task.WhenAll(_stderrPump, _stdoutPump).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
            {
                // Best effort: the process is gone either way.
            }
        }
        await _registration.DisposeAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    internal static string FormatCommandLine(string executable, IReadOnlyList<string> arguments)
    {
        var sb = new StringBuilder(Quote(executable));
        foreach (var argument in arguments)
        {
            sb.Append(' ').Append(Quote(argument));
        }
        return sb.ToString();
    }

    private static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=+,@%^".Contains(c)))
        {
            return argument;
        }
        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static MediaErrorKind Classify(int exitCode, string tail)
    {
        if (exitCode is 130 or 137 or 143 || tail.Contains("received signal", StringComparison.Ordinal))
        {
            return MediaErrorKind.Cancelled;
        }
        if (tail.Contains("No such file or directory", StringComparison.Ordinal)
            || tail.Contains("Permission denied", StringComparison.Ordinal))
        {
            return MediaErrorKind.InputNotFound;
        }
        if (tail.Contains("Unknown encoder", StringComparison.Ordinal)
            || tail.Contains("Encoder not found", StringComparison.Ordinal)
            || tail.Contains("not currently supported in container", StringComparison.Ordinal)
            || tail.Contains("Could not find tag for codec", StringComparison.Ordinal)
            || tail.Contains("Decoder not found", StringComparison.Ordinal)
            || tail.Contains("Unsupported codec", StringComparison.Ordinal))
        {
            return MediaErrorKind.UnsupportedCodec;
        }
        if (tail.Contains("Invalid data found when processing input", StringComparison.Ordinal)
            || tail.Contains("moov atom not found", StringComparison.Ordinal)
            || tail.Contains("does not contain any stream", StringComparison.Ordinal)
            || tail.Contains("matches no streams", StringComparison.Ordinal))
        {
            return MediaErrorKind.InvalidMedia;
        }
        return MediaErrorKind.ProcessFailed;
    }

    private async Task PumpStderrAsync()
    {
        var reader = _process.StandardError;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0)
            {
                _stderr.Add(line);
            }
        }
    }

    private async Task<string> PumpStdoutAsync()
    {
        var reader = _process.StandardOutput;
        if (_invocation.CaptureStdout)
        {
            return await reader.ReadToEndAsync().ConfigureAwait(false);
        }
        var parser = _invocation.ParseProgress ? new ProgressParser(_invocation.Progress, _invocation.TotalFrames) : null;
        Exception? callbackFailure = null;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            // Keep draining after a failing progress callback, or ffmpeg would block on a full pipe.
            if (parser is not null && callbackFailure is null)
            {
                try
                {
                    parser.Line(line);
                }
                catch (Exception ex)
                {
                    callbackFailure = ex;
                }
            }
        }
        if (callbackFailure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(callbackFailure);
        }
        return string.Empty;
    }
}
