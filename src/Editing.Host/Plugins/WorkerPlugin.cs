using System.ComponentModel;
using System.Text.Json;
using Editing.Host.Plugins.Loading;
using Editing.Host.Protocol;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Host.Plugins;

/// <summary>
/// A plugin running in its own worker process, started on the first call and again on the first call after it died.
/// Each call has a time limit; when it passes (or the caller cancels), the worker is asked to cancel the call and is
/// killed if the call has not ended within the grace period. A worker that dies fails every call in flight with a
/// <see cref="PluginCallException"/> carrying its exit code and stderr; nothing else is affected.
/// </summary>
internal sealed class WorkerPlugin : IPluginInstance
{
    private readonly PluginHostOptions _options;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private WorkerSession? _session;
    private PluginDescription? _description;
    private bool _disposed;

    public WorkerPlugin(PluginManifest manifest, PluginHostOptions options)
    {
        Manifest = manifest;
        _options = options;
    }

    public PluginManifest Manifest { get; }

    public PluginRuntime Runtime => PluginRuntime.Process;

    /// <summary>The running worker's process id, or null (tests, diagnostics).</summary>
    internal int? ProcessId => _session is { IsAlive: true } s ? s.ProcessId : null;

    private TimeSpan DescribeTimeout => _options.DescribeTimeoutFor(Manifest);

    public async Task<PluginDescription> DescribeAsync(CancellationToken cancellationToken)
    {
        if (_description is { } known)
        {
            return known;
        }

        var result = await CallAsync<DescribeResult>(WorkerMethods.Describe, null, null, DescribeTimeout, null, cancellationToken).ConfigureAwait(false);
        return _description = new PluginDescription(result.Tools, result.Providers);
    }

    public async Task<IReadOnlyList<ValidationIssue>> ValidateToolAsync(string toolId, ClipContext clip, ControlValues values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var parameters = new ToolValidateParams(toolId, clip, ToElement(values));
        var result = await CallAsync<ValidateResult>(WorkerMethods.ToolValidate, toolId, parameters, _options.ValidateTimeout, null, cancellationToken).ConfigureAwait(false);
        return result.Issues;
    }

    public async Task<ToolResult> RunToolAsync(string toolId, ClipContext clip, ControlValues values, ToolRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.ScratchDirectory);
        var selected = options.Providers is { } providers ? Selected(providers) : null;
        var parameters = new ToolRunParams(toolId, clip, ToElement(values), Path.GetFullPath(options.ScratchDirectory), selected);
        var sink = new CallSink(options.Progress, options.Logger, options.Providers, default);
        return await CallAsync<ToolResult>(WorkerMethods.ToolRun, toolId, parameters, RunTimeout(options.Timeout), sink, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ValidationIssue>> ValidateGenerationAsync(string providerId, GenerationRequest request, CancellationToken cancellationToken)
    {
        var result = await CallAsync<ValidateResult>(WorkerMethods.ProviderValidate, providerId, new ProviderValidateParams(providerId, request),
            _options.ValidateTimeout, null, cancellationToken).ConfigureAwait(false);
        return result.Issues;
    }

    public async Task<GenerationResult> GenerateAsync(string providerId, GenerationRequest request, ProviderRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.ScratchDirectory);
        var parameters = new ProviderGenerateParams(providerId, request, Path.GetFullPath(options.ScratchDirectory), options.Settings, options.Secrets);
        var sink = new CallSink(options.Progress, options.Logger, null, default);
        return await CallAsync<GenerationResult>(WorkerMethods.ProviderGenerate, providerId, parameters, RunTimeout(options.Timeout), sink, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _startLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_session is { } session)
            {
                _session = null;
                await session.ShutdownAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
        }
        finally
        {
            _startLock.Release();
        }
    }

    private TimeSpan RunTimeout(TimeSpan? callTimeout) => _options.RunTimeoutFor(Manifest, callTimeout);

    private static SelectedProvider Selected(ProviderAccess providers) => new(providers.Selected, providers.SelectedModel);

    private static JsonElement ToElement(ControlValues values)
    {
        using var document = JsonDocument.Parse(values.ToJson());
        return document.RootElement.Clone();
    }

    private async Task<T> CallAsync<T>(string method, string? targetId, object? parameters, TimeSpan timeout, CallSink? sink, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        var id = session.Connection.NextId();
        using var timeoutCts = new CancellationTokenSource(timeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        session.Register(id, (sink ?? new CallSink(null, null, null, default)) with { CancellationToken = stop.Token });
        try
        {
            var call = session.Connection.RequestAsync(id, method, parameters);
            JsonElement answer;
            try
            {
                answer = await call.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ask the plugin to stop; kill the worker if it does not within the grace period.
                session.Connection.Cancel(id);
                var stopped = await EndsWithin(call, _options.CancellationGracePeriod).ConfigureAwait(false);
                session.Connection.Abandon(id);
                Observe(call);
                var timedOut = !cancellationToken.IsCancellationRequested;
                if (!stopped)
                {
                    session.Kill(timedOut
                        ? $"another call, {PluginCallFailures.Call(method, targetId)}, timed out after {PluginCallFailures.Seconds(timeout)}"
                        : $"another call, {PluginCallFailures.Call(method, targetId)}, did not stop when cancelled");
                }

                if (!timedOut)
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                throw PluginCallFailures.TimedOut(Manifest.Id, method, targetId, timeout,
                    stopped ? "the call was cancelled" : "the worker was killed");
            }

            try
            {
                return answer.Deserialize<T>(SdkJson.Options)
                    ?? throw new JsonException($"{method} answered null");
            }
            catch (JsonException e)
            {
                throw new PluginCallException(PluginFailureKind.ProtocolError, Manifest.Id, method, targetId,
                    $"plugin {Manifest.Id}'s worker answered {PluginCallFailures.Call(method, targetId)} with something the host cannot read: {e.Message}", e);
            }
        }
        catch (RpcErrorException e)
        {
            throw PluginCallFailures.FromRemote(Manifest.Id, method, targetId, e);
        }
        catch (ConnectionClosedException)
        {
            throw await session.CrashedAsync(method, targetId).ConfigureAwait(false);
        }
        finally
        {
            session.Unregister(id);
        }
    }

    /// <summary>Marks a call nobody waits for any more as observed, so its late failure is not reported as unobserved.</summary>
    private static void Observe(Task call) =>
        _ = call.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static async Task<bool> EndsWithin(Task call, TimeSpan grace)
    {
        try
        {
            await call.WaitAsync(grace).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception)
        {
            return true; // ended with an error (usually "cancelled")
        }
    }

    private async Task<WorkerSession> GetSessionAsync(CancellationToken cancellationToken)
    {
        if (_session is { IsAlive: true } running)
        {
            return running;
        }

        await _startLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_session is { IsAlive: true } current)
            {
                return current;
            }

            _session?.Dispose();
            _session = null;
            var session = StartSession();
            await InitializeAsync(session, cancellationToken).ConfigureAwait(false);
            _session = session;
            return session;
        }
        finally
        {
            _startLock.Release();
        }
    }

    private WorkerSession StartSession()
    {
        WorkerLaunch launch;
        try
        {
            launch = WorkerLaunch.Resolve(_options.WorkerPath);
        }
        catch (FileNotFoundException e)
        {
            throw new PluginCallException(PluginFailureKind.LoadFailed, Manifest.Id, WorkerMethods.Initialize, null,
                $"plugin {Manifest.Id} cannot start: {e.Message}", e);
        }

        try
        {
            return WorkerSession.Start(launch, Manifest, _options.WorkerStandardError);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            throw new PluginCallException(PluginFailureKind.LoadFailed, Manifest.Id, WorkerMethods.Initialize, null,
                $"plugin {Manifest.Id} cannot start: running {launch.DotnetPath} {string.Join(' ', launch.Arguments)} failed: {e.Message}", e);
        }
    }

    private async Task InitializeAsync(WorkerSession session, CancellationToken cancellationToken)
    {
        var parameters = new InitializeParams(Manifest.Id, Manifest.Directory, Manifest.Entry, Manifest.Tools, Manifest.Providers,
            SdkVersion.Text, MediaServicesActivator.SpecFor(_options.MediaServicesType));
        var limit = DescribeTimeout;
        try
        {
            await session.Connection.RequestAsync(session.Connection.NextId(), WorkerMethods.Initialize, parameters)
                .WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcErrorException e)
        {
            session.Kill("it could not load the plugin");
            throw PluginCallFailures.FromRemote(Manifest.Id, WorkerMethods.Initialize, null, e);
        }
        catch (ConnectionClosedException)
        {
            throw await session.CrashedAsync(WorkerMethods.Initialize, null).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            session.Kill("start-up timed out");
            throw PluginCallFailures.TimedOut(Manifest.Id, WorkerMethods.Initialize, null, limit, "the worker was killed");
        }
        catch (OperationCanceledException)
        {
            session.Kill("start-up was cancelled");
            throw;
        }
    }
}
