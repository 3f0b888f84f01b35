namespace Editing.Media.Tests.Support;

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
internal sealed class ListProgress : IProgress<MediaProgress>
{
    private readonly List<MediaProgress> _reports = [];
    private readonly Action<MediaProgress>? _onReport;

    public ListProgress(Action<MediaProgress>? onReport = null) => _onReport = onReport;

    public IReadOnlyList<MediaProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(MediaProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
        _onReport?.Invoke(value);
    }
}
