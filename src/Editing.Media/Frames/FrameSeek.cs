using System.Globalization;
using Editing.Media.Probe;

namespace Editing.Media.Frames;

/// <summary>
/// How to start decoding near frame N instead of at the start of the file. Frame N of a constant-rate stream has
/// the timestamp start + N / rate; ffmpeg is given <c>-copyts -ss S</c> (S half a frame before it, and for long-GOP
/// codecs one more second, so the demuxer lands on a key frame before it and the decoder has its references) and
/// a <c>select</c> that keeps only a frame whose timestamp lies within half a frame of N's. If the seek lands
/// after N, or the stream is not what its probe says, nothing is selected and the caller falls back to decoding
/// from the start (<c>select=eq(n,N)</c>), so the result is always the exact frame.
/// </summary>
internal sealed class FrameSeek
{
    /// <summary>Codecs whose every frame is a key frame: the seek can land on frame N itself.</summary>
    private static readonly HashSet<string> IntraOnlyCodecs = new(StringComparer.Ordinal)
    {
        "prores", "dnxhd", "ffv1", "mjpeg", "png", "tiff", "dpx", "exr", "rawvideo", "v210", "v410", "r210", "jpeg2000", "cfhd", "qtrle", "utvideo", "huffyuv", "ffvhuff", "magicyuv",
    };

    private FrameSeek(string seekSeconds, decimal low, decimal high)
    {
        SeekSeconds = seekSeconds;
        Low = low;
        High = high;
    }

    /// <summary>The <c>-ss</c> value (seconds from the container's start).</summary>
    public string SeekSeconds { get; }

    /// <summary>Frame N's timestamp minus half a frame (seconds, as ffmpeg's <c>t</c> with <c>-copyts</c>).</summary>
    public decimal Low { get; }

    /// <summary>Frame N's timestamp plus half a frame.</summary>
    public decimal High { get; }

    /// <summary>
    /// A seek to <paramref name="frame"/> of the file <paramref name="info"/> describes, or null when decoding from
    /// the start is as cheap (frames in the first second or so) or the stream is not plainly constant-rate: its
    /// average rate differs from its rate, or its frame count from its duration × rate.
    /// </summary>
    public static FrameSeek? Plan(MediaInfo info, long frame)
    {
        if (frame <= 0 || info.Video is not { } video || !video.FrameRate.IsValid || video.AverageFrameRate != video.FrameRate)
        {
            return null;
        }
        if (info.FormatName.StartsWith("image2", StringComparison.Ordinal) || info.FormatName.EndsWith("_pipe", StringComparison.Ordinal))
        {
            return null;
        }
        var rate = video.FrameRate;
        // Constant rate in fact, not only in name: as many frames as the duration holds at the rate (a stream with
        // gaps or held frames has fewer; Matroska keeps only milliseconds, hence the one-frame tolerance).
        if (video.FrameCount <= 0 || video.DurationSeconds is not { } duration
            || Math.Abs((duration * rate.Numerator / rate.Denominator) - video.FrameCount) >= 1m)
        {
            return null;
        }
        var streamStart = video.StartSeconds ?? 0m;
        var containerStart = info.StartSeconds ?? 0m;
        var time = streamStart + (frame * (decimal)rate.Denominator / rate.Numerator);
        var half = rate.Denominator / (2m * rate.Numerator);
        var preroll = IntraOnlyCodecs.Contains(video.Codec) ? 0m : 1m;
        var seek = time - half - preroll - containerStart;
        if (seek <= 0)
        {
            return null;
        }
        // Rounded down to the microsecond: ffmpeg reads -ss as microseconds.
        var text = (decimal.Floor(seek * 1_000_000m) / 1_000_000m).ToString("0.000000", CultureInfo.InvariantCulture);
        return new FrameSeek(text, time - half, time + half);
    }

    /// <summary>Input options before <c>-i</c>: keep the file's timestamps and seek.</summary>
    public void AddInputOptions(List<string> args) => args.AddRange(["-copyts", "-ss", SeekSeconds]);

    /// <summary>A <c>select</c> expression keeping only the frame within half a frame of N.</summary>
    public string SingleFrame() => $"gte(t,{Num(Low)})*lt(t,{Num(High)})";

    /// <summary>
    /// A <c>select</c> expression keeping N and every frame after it, but nothing at all when the first frame
    /// reached at or after N's time is not N (the seek overshot, or timestamps are not what the rate says).
    /// </summary>
    public string FromFrame() => $"gte(t,{Num(Low)})*if(isnan(prev_selected_t),lt(t,{Num(High)}),1)";

    private static string Num(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
