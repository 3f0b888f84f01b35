namespace Editing.Host.Protocol;

/// <summary>
/// Method names of the worker protocol: JSON-RPC 2.0, one UTF-8 JSON object per line (<c>\n</c>) on the worker's
/// stdin (host to worker) and stdout (worker to host). Both sides send requests; ids are per direction. Every SDK type
/// in params and results is written with <c>SdkJson.Options</c> (snake_case names, kebab-case enums).
/// </summary>
internal static class WorkerMethods
{
    /// <summary>Host → worker, first call: <see cref="InitializeParams"/> → <see cref="InitializeResult"/>. Loads the
    /// plugin; an error (<see cref="RpcErrorCodes.LoadFailed"/>) means the worker is unusable.</summary>
    public const string Initialize = "initialize";

    /// <summary>Host → worker: no params → <see cref="DescribeResult"/>.</summary>
    public const string Describe = "describe";

    /// <summary>Host → worker: <see cref="ToolValidateParams"/> → <see cref="ValidateResult"/>.</summary>
    public const string ToolValidate = "tool.validate";

    /// <summary>Host → worker: <see cref="ToolRunParams"/> → <c>ToolResult</c>; the worker sends <see cref="Progress"/>
    /// and <see cref="Log"/> notifications and may call <see cref="HostGenerate"/> meanwhile.</summary>
    public const string ToolRun = "tool.run";

    /// <summary>Host → worker: <see cref="ProviderValidateParams"/> → <see cref="ValidateResult"/>.</summary>
    public const string ProviderValidate = "provider.validate";

    /// <summary>Host → worker: <see cref="ProviderGenerateParams"/> → <c>GenerationResult</c>, with
    /// <see cref="Progress"/> and <see cref="Log"/> notifications.</summary>
    public const string ProviderGenerate = "provider.generate";

    /// <summary>Worker → host, during a <see cref="ToolRun"/>: <see cref="HostGenerateParams"/> →
    /// <c>GenerationResult</c>. The host routes the request to the chosen provider (possibly in another worker).</summary>
    public const string HostGenerate = "host.generate";

    /// <summary>Host → worker: no params → null; the worker answers, then exits with code 0.</summary>
    public const string Shutdown = "shutdown";

    /// <summary>Worker → host notification: <see cref="ProgressParams"/>.</summary>
    public const string Progress = "progress";

    /// <summary>Worker → host notification: <see cref="LogParams"/>.</summary>
    public const string Log = "log";

    /// <summary>Either direction, notification: <see cref="CancelParams"/>; the receiver cancels that request, which
    /// then ends with <see cref="RpcErrorCodes.RequestCancelled"/> (or its result, if it was already done).</summary>
    public const string CancelRequest = "$/cancelRequest";
}
