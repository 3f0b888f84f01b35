using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Tools;

namespace Editing.Tools.Tests.Support;

/// <summary>A tool call's context for tests: a fresh scratch folder, the given media services and provider access,
/// progress and log lines recorded.</summary>
public sealed class TestToolContext : ToolContext, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();

    public TestToolContext(IMediaServices media, ProviderAccess providers, string root)
    {
        Media = media;
        Providers = providers;
        ScratchDirectory = Path.Combine(root, "scratch-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(ScratchDirectory);
    }

    public override ProviderAccess Providers { get; }

    public override CancellationToken CancellationToken => _cancellation.Token;

    public override IPluginLogger Logger { get; } = new ListLogger();

    public override string ScratchDirectory { get; }

    public override IMediaServices Media { get; }

    public List<(double Fraction, string? Message)> Progress { get; } = [];

    public override void ReportProgress(double fraction, string? message = null)
    {
        lock (Progress)
        {
            Progress.Add((fraction, message));
        }
    }

    public void Cancel() => _cancellation.Cancel();

    public void Dispose() => _cancellation.Dispose();

    private sealed class ListLogger : IPluginLogger
    {
        public List<string> Lines { get; } = [];

        public void Log(PluginLogLevel level, string message)
        {
            lock (Lines)
            {
                Lines.Add($"{level}: {message}");
            }
        }
    }
}
