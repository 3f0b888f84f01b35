using System.Collections.Concurrent;
using Editing.Conform.Facts;

namespace Editing.Conform.Tests.Support;

/// <summary>Media facts from a table instead of ffprobe; counts the questions asked.</summary>
internal sealed class FakeFacts : IMediaFactsSource
{
    private readonly ConcurrentDictionary<string, int> _asked = new(StringComparer.Ordinal);

    public Dictionary<string, MediaFacts> Table { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Asked => _asked;

    public ValueTask<MediaFacts> GetFactsAsync(string path, CancellationToken cancellationToken)
    {
        _asked.AddOrUpdate(path, 1, (_, n) => n + 1);
        return Table.TryGetValue(path, out var facts)
            ? ValueTask.FromResult(facts)
            : ValueTask.FromException<MediaFacts>(new MediaFactsException(path, $"{path}: not media"));
    }
}
