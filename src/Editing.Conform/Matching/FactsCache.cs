using System.Collections.Concurrent;
using Editing.Conform.Facts;

namespace Editing.Conform.Matching;

/// <summary>Asks an <see cref="IMediaFactsSource"/> about each path at most once, also when clips are matched in parallel.</summary>
internal sealed class FactsCache(IMediaFactsSource source)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<FactsResult>>> _results = new(StringComparer.Ordinal);

    /// <summary>The number of distinct paths asked about.</summary>
    public int Count => _results.Count;

    public Task<FactsResult> GetAsync(string path, CancellationToken cancellationToken) =>
        _results.GetOrAdd(path, p => new Lazy<Task<FactsResult>>(() => ReadAsync(p, cancellationToken))).Value;

    private async Task<FactsResult> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return new FactsResult(await source.GetFactsAsync(path, cancellationToken).ConfigureAwait(false), null);
        }
        catch (MediaFactsException e)
        {
            return new FactsResult(null, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FactsResult(null, e.Message);
        }
    }
}
