using Editing.Host.Plugins.Loading;
using Editing.Host.Protocol;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Host.Plugins;

/// <summary>
/// A trusted plugin running inside the host process, in its own collectible load context. It goes through the same
/// <see cref="PluginDispatcher"/> as the worker and its failures are worded the same way; plugin code always runs on
/// the thread pool, so a plugin that blocks cannot block the caller, and a call past its time limit is abandoned (it
/// cannot be killed: only trusted code should run in process).
/// </summary>
internal sealed class InProcessPlugin : IPluginInstance
{
    private readonly PluginHostOptions _options;
    private readonly Func<IMediaServices> _media;
    private readonly Lock _loadLock = new();
    private PluginDispatcher? _dispatcher;
    private PluginDescription? _description;

    public InProcessPlugin(PluginManifest manifest, PluginHostOptions options, Func<IMediaServices> media)
    {
        Manifest = manifest;
        _options = options;
        _media = media;
    }

    public PluginManifest Manifest { get; }

    public PluginRuntime Runtime => PluginRuntime.InProcess;

    private TimeSpan DescribeTimeout => _options.DescribeTimeoutFor(Manifest);

    public async Task<PluginDescription> DescribeAsync(CancellationToken cancellationToken)
    {
        if (_description is { } known)
        {
            return known;
        }

        var result = await CallAsync(WorkerMethods.Describe, null, DescribeTimeout, _ => Task.FromResult(Dispatcher(WorkerMethods.Describe).Describe()), cancellationToken).ConfigureAwait(false);
        return _description = new PluginDescription(result.Tools, result.Providers);
    }

    public Task<IReadOnlyList<ValidationIssue>> ValidateToolAsync(string toolId, ClipContext clip, ControlValues values, CancellationToken cancellationToken) =>
        CallAsync(WorkerMethods.ToolValidate, toolId, _options.ValidateTimeout,
            _ => Task.FromResult(Dispatcher(WorkerMethods.ToolValidate).ValidateTool(toolId, clip, values)), cancellationToken);

    public Task<ToolResult> RunToolAsync(string toolId, ClipContext clip, ControlValues values, ToolRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scratch = Path.GetFullPath(options.ScratchDirectory);
        Directory.CreateDirectory(scratch);
        return CallAsync(WorkerMethods.ToolRun, toolId, RunTimeout(options.Timeout), token =>
        {
            var services = Services(token, scratch, options.Logger, options.Progress);
            var context = new CallToolContext(services, options.Providers ?? new NoProviderAccess(toolId));
            return Dispatcher(WorkerMethods.ToolRun).RunToolAsync(toolId, clip, values, context, token);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ValidationIssue>> ValidateGenerationAsync(string providerId, GenerationRequest request, CancellationToken cancellationToken) =>
        CallAsync(WorkerMethods.ProviderValidate, providerId, _options.ValidateTimeout,
            _ => Task.FromResult(Dispatcher(WorkerMethods.ProviderValidate).ValidateGeneration(providerId, request)), cancellationToken);

    public Task<GenerationResult> GenerateAsync(string providerId, GenerationRequest request, ProviderRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scratch = Path.GetFullPath(options.ScratchDirectory);
        Directory.CreateDirectory(scratch);
        return CallAsync(WorkerMethods.ProviderGenerate, providerId, RunTimeout(options.Timeout), token =>
        {
            var services = Services(token, scratch, options.Logger, options.Progress);
            var context = new CallProviderContext(services, options.Settings, options.Secrets);
            return Dispatcher(WorkerMethods.ProviderGenerate).GenerateAsync(providerId, request, context, token);
        }, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        lock (_loadLock)
        {
            _dispatcher?.Plugin.Unload();
            _dispatcher = null;
        }

        return ValueTask.CompletedTask;
    }

    private TimeSpan RunTimeout(TimeSpan? callTimeout) => _options.RunTimeoutFor(Manifest, callTimeout);

    private CallServices Services(CancellationToken token, string scratch, IPluginLogger? logger, IProgress<PluginProgress>? progress) =>
        new(token, logger ?? NullPluginLogger.Instance, scratch, _media(),
            (fraction, message) => progress?.Report(new PluginProgress(fraction, message)));

    private PluginDispatcher Dispatcher(string method)
    {
        lock (_loadLock)
        {
            if (_dispatcher is not null)
            {
                return _dispatcher;
            }

            try
            {
                var plugin = LoadedPlugin.Load(Manifest.Id, Manifest.Directory, Manifest.Entry, Manifest.Tools, Manifest.Providers, collectible: true);
                return _dispatcher = new PluginDispatcher(plugin);
            }
            catch (PluginLoadException e)
            {
                throw new RpcErrorException(RpcErrorCodes.LoadFailed, e.Message);
            }
        }
    }

    private async Task<T> CallAsync<T>(string method, string? targetId, TimeSpan timeout, Func<CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var callCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timeoutCts = new CancellationTokenSource(timeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);

        // Plugin code never runs on the caller's thread: a plugin that blocks cannot block the host.
        var call = Task.Run(() => body(callCts.Token), CancellationToken.None);
        try
        {
            return await call.WaitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await callCts.CancelAsync().ConfigureAwait(false);
            var stopped = await EndsWithin(call, _options.CancellationGracePeriod).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            throw PluginCallFailures.TimedOut(Manifest.Id, method, targetId, timeout, stopped
                ? "the call was cancelled"
                : "the plugin runs in the host process and could not be stopped");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var (code, message, data) = RemoteError.FromException(e);
            throw PluginCallFailures.FromRemote(Manifest.Id, method, targetId, new RpcErrorException(code, message, data));
        }
    }

    private static async Task<bool> EndsWithin(Task call, TimeSpan grace)
    {
        _ = call.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
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
            return true;
        }
    }
}
