namespace Editing.Worker;

/// <summary>
/// The plugin worker: hosts exactly one plugin per process and serves the host's calls over JSON-RPC on stdin and
/// stdout (see <c>Editing.Host.Protocol.WorkerMethods</c>). Started by the host as
/// <c>dotnet exec --runtimeconfig Editing.Worker.runtimeconfig.json Editing.Worker.dll</c>.
/// Exit codes: 0 after <c>shutdown</c> or when the host closes stdin; 70 after an unhandled exception on a plugin
/// thread; anything else is the plugin's doing (<c>Environment.Exit</c>, an abort, a signal).
/// </summary>
internal static class Program
{
    /// <summary>An exception escaped on a thread the worker does not own (EX_SOFTWARE).</summary>
    public const int UnhandledExceptionExitCode = 70;

    private static int Main()
    {
        // First of all: take the real stdout (and stdin) for the protocol, and make Console.Out write to stderr, so a
        // plugin's Console.WriteLine (or a native library's printf) can never corrupt a protocol line.
        var (input, output) = ProtocolStreams.Take();

        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            Console.Error.WriteLine($"editing-worker: unhandled exception on a plugin thread; the worker exits: {e.ExceptionObject}");
            Console.Error.Flush();
            Environment.Exit(UnhandledExceptionExitCode);
        };
        TaskScheduler.UnobservedTaskException += (_, e) =>
        {
            Console.Error.WriteLine($"editing-worker: a plugin task failed and nobody observed it: {e.Exception.InnerException ?? e.Exception}");
            e.SetObserved();
        };

        var exitCode = new WorkerServer().Run(input, output);

        // Threads a plugin started must not keep the process alive once the host is done with it.
        Console.Error.Flush();
        Environment.Exit(exitCode);
        return exitCode;
    }
}
