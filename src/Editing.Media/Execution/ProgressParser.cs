using System.Globalization;

namespace Editing.Media.Execution;

/// <summary>
/// Reads ffmpeg's <c>-progress</c> stream: blocks of <c>key=value</c> lines (<c>frame=</c>, <c>out_time_us=</c>, …)
/// each closed by <c>progress=continue</c> or <c>progress=end</c>.
/// </summary>
internal sealed class ProgressParser(IProgress<MediaProgress>? progress, long? totalFrames)
{
    private long _frames;
    private long _outTimeUs;

    public void Line(string line)
    {
        var eq = line.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return;
        }
        var key = line.AsSpan(0, eq).Trim();
        var value = line.AsSpan(eq + 1).Trim();
        if (key.SequenceEqual("frame"))
        {
            if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var frames))
            {
                _frames = frames;
            }
        }
        else if (key.SequenceEqual("out_time_us"))
        {
            if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) && us >= 0)
            {
                _outTimeUs = us;
            }
        }
        else if (key.SequenceEqual("progress"))
        {
            progress?.Report(new MediaProgress(_frames, totalFrames, _outTimeUs, value.SequenceEqual("end")));
        }
    }
}
