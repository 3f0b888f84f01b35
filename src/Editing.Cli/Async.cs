namespace Editing.Cli;

/// <summary>Runs an async command body with Ctrl+C wired to cancellation.</summary>
internal static class Async
{
    public static int Run(Func<CancellationToken, Task<int>> body)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += handler;
        try
        {
            return body(cts.Token).GetAwaiter().GetResult();
        }
        finally
        {
            Console.CancelKeyPress -= handler;
        }
    }
}
