namespace Editing.Conform.Facts;

/// <summary>
/// Tells a conform about media files. The conform asks only about candidates (files an index lookup found for a
/// clip) and asks about each path at most once per run; <see cref="ProbeMediaFactsSource"/> runs ffprobe, tests and
/// benchmarks give synthetic facts.
/// </summary>
public interface IMediaFactsSource
{
    /// <summary>The facts of the file at <paramref name="path"/> (a full path from the index).</summary>
    /// <exception cref="MediaFactsException">The file cannot be read as media; the message says why.</exception>
    ValueTask<MediaFacts> GetFactsAsync(string path, CancellationToken cancellationToken);
}
