using System.Runtime.InteropServices;
using System.Text.Json;
using Editing.Host.Plugins.Loading;
using Editing.Host.Protocol;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Worker;

/// <summary>Serves the host's calls for the one plugin this process hosts.</summary>
internal sealed class WorkerServer : IRpcTarget
{
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _initLock = new();
    private JsonRpcConnection? _connection;
    private Task<PluginDispatcher>? _initialized;
    private IMediaServices _media = UnavailableMediaServices.Instance;

    /// <summary>Serves until the host closes stdin or asks for shutdown; returns the exit code.</summary>
    public int Run(Stream input, Stream output)
    {
        using var connection = new JsonRpcConnection(input, output, this, "the host",
            line => Console.Error.WriteLine("editing-worker: ignored a line that is not a protocol message: " + Clip(line)));
        _connection = connection;
        connection.Start();
        Task.WhenAny(connection.Completion, _shutdown.Task).GetAwaiter().GetResult();
        return 0;
    }

    public async Task<object?> HandleRequestAsync(string method, JsonElement parameters, long id, CancellationToken cancellationToken)
    {
        switch (method)
        {
            case WorkerMethods.Initialize:
                return await Initialize(Read<InitializeParams>(parameters)).ConfigureAwait(false);
            case WorkerMethods.Shutdown:
                // Answer first; the host closes stdin on receipt. Exit anyway if it does not.
                _ = Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None).ContinueWith(_ => _shutdown.TrySetResult(), TaskScheduler.Default);
                return null;
            default:
                break;
        }

        // Calls that arrive while the plugin loads wait for it; before any initialize, or after a failed one, they fail.
        var initialized = _initialized ?? throw new RpcErrorException(RpcErrorCodes.NotInitialized, $"'{method}' before 'initialize'");
        PluginDispatcher dispatcher;
        try
        {
            dispatcher = await initialized.ConfigureAwait(false);
        }
        catch (RpcErrorException e)
        {
            throw new RpcErrorException(RpcErrorCodes.NotInitialized, $"'{method}' after a failed 'initialize': {e.Message}");
        }

        switch (method)
        {
            case WorkerMethods.Describe:
                return dispatcher.Describe();

            case WorkerMethods.ToolValidate:
                {
                    var p = Read<ToolValidateParams>(parameters);
                    return new ValidateResult(dispatcher.ValidateTool(p.ToolId, p.Clip, ReadValues(p.Values)));
                }

            case WorkerMethods.ToolRun:
                {
                    var p = Read<ToolRunParams>(parameters);
                    Directory.CreateDirectory(p.ScratchDirectory);
                    var providers = p.Provider is null ? (ProviderAccess)new NoProviderAccess(p.ToolId) : new RemoteProviderAccess(Connection, id, p.Provider);
                    var context = new CallToolContext(Services(id, p.ScratchDirectory, cancellationToken), providers);
                    return await dispatcher.RunToolAsync(p.ToolId, p.Clip, ReadValues(p.Values), context, cancellationToken).ConfigureAwait(false);
                }

            case WorkerMethods.ProviderValidate:
                {
                    var p = Read<ProviderValidateParams>(parameters);
                    return new ValidateResult(dispatcher.ValidateGeneration(p.ProviderId, p.Request));
                }

            case WorkerMethods.ProviderGenerate:
                {
                    var p = Read<ProviderGenerateParams>(parameters);
                    Directory.CreateDirectory(p.ScratchDirectory);
                    var context = new CallProviderContext(Services(id, p.ScratchDirectory, cancellationToken), p.Settings, p.Secrets);
                    return await dispatcher.GenerateAsync(p.ProviderId, p.Request, context, cancellationToken).ConfigureAwait(false);
                }

            default:
                throw new RpcErrorException(RpcErrorCodes.MethodNotFound, $"unknown method '{method}'");
        }
    }

    public void HandleNotification(string method, JsonElement parameters)
    {
        // The host sends no notifications other than $/cancelRequest (handled by the connection).
    }

    private JsonRpcConnection Connection => _connection ?? throw new InvalidOperationException("not running");

    private async Task<InitializeResult> Initialize(InitializeParams p)
    {
        Task<PluginDispatcher> load;
        lock (_initLock)
        {
            if (_initialized is not null)
            {
                throw new RpcErrorException(RpcErrorCodes.InvalidRequest, "the worker is already initialized");
            }

            _initialized = load = Task.Run(() => Load(p));
        }

        await load.ConfigureAwait(false);
        return new InitializeResult(SdkVersion.Text, Environment.ProcessId, RuntimeInformation.FrameworkDescription);
    }

    private PluginDispatcher Load(InitializeParams p)
    {
        if (p.HostSdkVersion != SdkVersion.Text)
        {
            throw new RpcErrorException(RpcErrorCodes.LoadFailed,
                $"the worker has SDK {SdkVersion.Text} but the host has {p.HostSdkVersion} (Editing.Worker.dll and Editing.Host.dll come from different builds)");
        }

        try
        {
            _media = MediaServicesActivator.Create(p.MediaServices);
            var plugin = LoadedPlugin.Load(p.PluginId, p.PluginDirectory, p.Entry, p.Tools, p.Providers, collectible: false);
            return new PluginDispatcher(plugin);
        }
        catch (PluginLoadException e)
        {
            throw new RpcErrorException(RpcErrorCodes.LoadFailed, e.Message);
        }
    }

    private CallServices Services(long id, string scratch, CancellationToken cancellationToken) =>
        new(cancellationToken, new RemoteLogger(Connection, id), scratch, _media,
            (fraction, message) => Connection.TryNotify(WorkerMethods.Progress, new ProgressParams(id, fraction, message)));

    private static T Read<T>(JsonElement parameters)
    {
        try
        {
            return parameters.Deserialize<T>(SdkJson.Options)
                ?? throw new RpcErrorException(RpcErrorCodes.InvalidParams, $"missing params ({typeof(T).Name})");
        }
        catch (JsonException e)
        {
            throw new RpcErrorException(RpcErrorCodes.InvalidParams, $"invalid params ({typeof(T).Name}): {e.Message}");
        }
    }

    private static ControlValues ReadValues(JsonElement values)
    {
        try
        {
            return values.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? ControlValues.Empty : ControlValues.FromElement(values);
        }
        catch (JsonException e)
        {
            throw new RpcErrorException(RpcErrorCodes.InvalidParams, e.Message);
        }
    }

    private static string Clip(string line) => line.Length > 200 ? line[..200] + "..." : line;

    /// <summary>Sends the plugin's log messages to the host as <c>log</c> notifications of the call.</summary>
    private sealed class RemoteLogger(JsonRpcConnection connection, long requestId) : IPluginLogger
    {
        public void Log(PluginLogLevel level, string message) =>
            connection.TryNotify(WorkerMethods.Log, new LogParams(requestId, level, message ?? ""));
    }
}
