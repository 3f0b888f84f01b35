namespace Editing.Host.Plugins.Loading;

/// <summary>
/// Enforces <c>PluginContext.ReportProgress</c>'s promise for every call: fractions clamped to 0..1, never going
/// backwards, and no flood (a report is passed on when it moves by 0.1 % or more, changes the message, or reaches 1).
/// </summary>
internal sealed class ProgressGate
{
    private readonly Action<double, string?> _sink;
    private readonly Lock _lock = new();
    private double _last = -1;
    private string? _lastMessage;

    public ProgressGate(Action<double, string?> sink) => _sink = sink;

    public void Report(double fraction, string? message)
    {
        var value = double.IsNaN(fraction) ? 0 : Math.Clamp(fraction, 0, 1);
        lock (_lock)
        {
            value = Math.Max(value, _last);
            var messageChanged = message is not null && message != _lastMessage;
            if (value - _last < 0.001 && !messageChanged && !(value >= 1 && _last < 1))
            {
                return;
            }

            _last = value;
            if (message is not null)
            {
                _lastMessage = message;
            }

            _sink(value, message);
        }
    }
}
