namespace Editing.Sdk.Testing;

/// <summary>
/// A writer-preferring async reader/writer gate for the test process: tool runs share it, and a timing measurement
/// (cancellation latency) takes it alone, so the plugins of other test classes are not computing while it is measured.
/// </summary>
internal sealed class QuietGate
{
    private readonly SemaphoreSlim _turnstile = new(1, 1);
    private readonly SemaphoreSlim _room = new(1, 1);
    private readonly SemaphoreSlim _readerCount = new(1, 1);
    private int _readers;

    public static QuietGate Process { get; } = new();

    /// <summary>Enters with other shared holders; waits while a measurement holds or waits for the gate.</summary>
    public async Task<IAsyncDisposable> SharedAsync()
    {
        await _turnstile.WaitAsync().ConfigureAwait(false);
        _turnstile.Release();
        await _readerCount.WaitAsync().ConfigureAwait(false);
        try
        {
            if (++_readers == 1)
            {
                await _room.WaitAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _readerCount.Release();
        }

        return new Exit(async () =>
        {
            await _readerCount.WaitAsync().ConfigureAwait(false);
            try
            {
                if (--_readers == 0)
                {
                    _room.Release();
                }
            }
            finally
            {
                _readerCount.Release();
            }
        });
    }

    /// <summary>Enters alone, once the shared holders inside have left; new shared holders wait.</summary>
    public async Task<IAsyncDisposable> ExclusiveAsync()
    {
        await _turnstile.WaitAsync().ConfigureAwait(false);
        await _room.WaitAsync().ConfigureAwait(false);
        return new Exit(() =>
        {
            _room.Release();
            _turnstile.Release();
            return Task.CompletedTask;
        });
    }

    private sealed class Exit(Func<Task> leave) : IAsyncDisposable
    {
        private int _left;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                await leave().ConfigureAwait(false);
            }
        }
    }
}
