using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Editing.Host.Protocol;
using Editing.Sdk;
using Editing.Sdk.Tools;

namespace Editing.Host.Plugins;

/// <summary>
/// One running worker process of a plugin: the process, its protocol connection, its stderr, and the calls in
/// flight (to route their progress, logs and <c>host.generate</c> requests). A session never restarts: when the
/// process dies, <see cref="WorkerPlugin"/> starts a new one for the next call.
/// </summary>
internal sealed class WorkerSession : IRpcTarget, IDisposable
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    private readonly PluginManifest _manifest;
    private readonly Process _process;
    private readonly StandardErrorBuffer _stderr = new();
    private readonly Action<string, string>? _stderrSink;
    private readonly ConcurrentDictionary<long, CallSink> _calls = new();
    private readonly Lock _exitLock = new();
    private volatile string? _stopReason;
    private Task<(int? ExitCode, string? Signal)>? _exit;

    private WorkerSession(PluginManifest manifest, Process process, Action<string, string>? stderrSink)
    {
        _manifest = manifest;
        _process = process;
        _stderrSink = stderrSink;
        Connection = new JsonRpcConnection(process.StandardOutput.BaseStream, process.StandardInput.BaseStream, this,
            "plugin " + manifest.Id, line => OnStandardError("[stdout, not a protocol message] " + line));
    }

    public JsonRpcConnection Connection { get; }

    public int ProcessId { get; private set; }

    /// <summary>True until the process exits, the connection breaks or the host kills it.</summary>
    public bool IsAlive => _stopReason is null && !Connection.IsClosed && !HasExited;

    private bool HasExited
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

    /// <exception cref="Win32Exception">The dotnet executable could not be started.</exception>
    public static WorkerSession Start(WorkerLaunch launch, PluginManifest manifest, Action<string, string>? stderrSink)
    {
        var start = new ProcessStartInfo(launch.DotnetPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = manifest.Directory,
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Start();
        var session = new WorkerSession(manifest, process, stderrSink) { ProcessId = process.Id };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                session.OnStandardError(line);
            }
        };
        process.BeginErrorReadLine();
        session.Connection.Start();
        return session;
    }

    /// <summary>Routes the notifications and host calls of request <paramref name="id"/> to <paramref name="sink"/>.</summary>
    public void Register(long id, CallSink sink) => _calls[id] = sink;

    public void Unregister(long id) => _calls.TryRemove(id, out _);

    /// <summary>Kills the process tree; calls in flight fail naming <paramref name="reason"/>.</summary>
    public void Kill(string reason)
    {
        _stopReason ??= reason;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    /// <summary>The error for a call whose connection closed: the exit code, the signal and what the worker printed,
    /// or why the host stopped it.</summary>
    public async Task<PluginCallException> CrashedAsync(string method, string? targetId)
    {
        var (exitCode, signal) = await WaitForExitAsync().ConfigureAwait(false);
        var call = PluginCallFailures.Call(method, targetId);
        string message;
        if (_stopReason is { } reason)
        {
            message = $"plugin {_manifest.Id}'s worker was stopped during {call} ({reason})";
        }
        else
        {
            var code = exitCode is { } c ? "exit code " + c.ToString(CultureInfo.InvariantCulture) + (signal is null ? "" : ", " + signal) : "the process is gone";
            var excerpt = _stderr.Excerpt();
            message = $"plugin {_manifest.Id} crashed during {call} ({code}): {(excerpt.Length > 0 ? excerpt : "no error output")}";
        }

        return new PluginCallException(PluginFailureKind.Crashed, _manifest.Id, method, targetId, message)
        {
            ExitCode = exitCode,
            Signal = signal,
            StandardError = _stderr.Tail(),
        };
    }

    /// <summary>Asks the worker to exit, then closes its stdin; kills it if it is still running after
    /// <paramref name="grace"/>.</summary>
    public async Task ShutdownAsync(TimeSpan grace)
    {
        if (IsAlive)
        {
            try
            {
                await Connection.RequestAsync(Connection.NextId(), WorkerMethods.Shutdown, null).WaitAsync(grace).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or ConnectionClosedException or RpcErrorException)
            {
                // Killed below if it does not exit.
            }
        }

        try
        {
            _process.StandardInput.Close();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Already closed.
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(grace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill("the host shut it down");
        }
        catch (InvalidOperationException)
        {
            // Not started or already disposed.
        }

        Dispose();
    }

    public void Dispose()
    {
        Connection.Dispose();
        if (HasExited)
        {
            _process.Dispose();
        }
    }

    public async Task<object?> HandleRequestAsync(string method, JsonElement parameters, long id, CancellationToken cancellationToken)
    {
        if (method != WorkerMethods.HostGenerate)
        {
            throw new RpcErrorException(RpcErrorCodes.MethodNotFound, $"the host has no method '{method}'");
        }

        HostGenerateParams request;
        try
        {
            request = parameters.Deserialize<HostGenerateParams>(SdkJson.Options)
                ?? throw new RpcErrorException(RpcErrorCodes.InvalidParams, "host.generate needs params");
        }
        catch (JsonException e)
        {
            throw new RpcErrorException(RpcErrorCodes.InvalidParams, "invalid host.generate params: " + e.Message);
        }

        if (!_calls.TryGetValue(request.RequestId, out var sink))
        {
            throw new RpcErrorException(RpcErrorCodes.InvalidParams, $"host.generate names request {request.RequestId}, which is not a tool run in progress");
        }

        if (sink.Providers is not { } providers)
        {
            throw new PluginException("this tool run has no model provider: choose a provider and model");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, sink.CancellationToken);
        return await providers.GenerateAsync(request.Request, linked.Token).ConfigureAwait(false);
    }

    public void HandleNotification(string method, JsonElement parameters)
    {
        try
        {
            switch (method)
            {
                case WorkerMethods.Progress when parameters.Deserialize<ProgressParams>(SdkJson.Options) is { } progress:
                    if (_calls.TryGetValue(progress.RequestId, out var progressSink))
                    {
                        progressSink.Progress?.Report(new PluginProgress(progress.Fraction, progress.Message));
                    }

                    break;
                case WorkerMethods.Log when parameters.Deserialize<LogParams>(SdkJson.Options) is { } log:
                    if (_calls.TryGetValue(log.RequestId, out var logSink))
                    {
                        logSink.Logger?.Log(log.Level, log.Message);
                    }

                    break;
                default:
                    OnStandardError($"[host] ignored notification '{method}'");
                    break;
            }
        }
        catch (Exception e)
        {
            // A caller's progress or log handler must not stop the protocol.
            OnStandardError($"[host] handling '{method}' failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private void OnStandardError(string line)
    {
        _stderr.Add(line);
        try
        {
            _stderrSink?.Invoke(_manifest.Id, line);
        }
        catch (Exception)
        {
            // Diagnostics only.
        }
    }

    private Task<(int? ExitCode, string? Signal)> WaitForExitAsync()
    {
        lock (_exitLock)
        {
            return _exit ??= WaitAsync();
        }

        async Task<(int?, string?)> WaitAsync()
        {
            try
            {
                try
                {
                    await _process.WaitForExitAsync().WaitAsync(ExitWait).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The protocol is broken but the process lingers: it is of no use any more.
                    Kill("it stopped answering");
                    await _process.WaitForExitAsync().WaitAsync(ExitWait).ConfigureAwait(false);
                }

                var code = _process.ExitCode;
                return (code, SignalName(code));
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                return (null, null);
            }
        }
    }

    /// <summary>On Unix a process killed by signal N exits with 128 + N.</summary>
    private static string? SignalName(int exitCode) =>
        OperatingSystem.IsWindows() || exitCode <= 128 || exitCode > 128 + 31
            ? null
            : (exitCode - 128) switch
            {
                1 => "SIGHUP",
                2 => "SIGINT",
                3 => "SIGQUIT",
                4 => "SIGILL",
                5 => "SIGTRAP",
                6 => "SIGABRT",
                7 => "SIGBUS",
                8 => "SIGFPE",
                9 => "SIGKILL",
                11 => "SIGSEGV",
                13 => "SIGPIPE",
                15 => "SIGTERM",
                var n => "signal " + n.ToString(CultureInfo.InvariantCulture),
            };
}
