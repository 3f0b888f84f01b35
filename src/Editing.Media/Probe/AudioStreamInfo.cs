namespace Editing.Media.Probe;

/// <summary>One audio stream of a file, as ffprobe reports it.</summary>
public sealed record AudioStreamInfo
{
    /// <summary>The stream's index in the file (ffprobe <c>index</c>).</summary>
    public required int Index { get; init; }

    /// <summary>ffmpeg's codec name, e.g. <c>pcm_s24le</c>, <c>aac</c>.</summary>
    public required string Codec { get; init; }

    /// <summary>Samples per second per channel (Hz).</summary>
    public required int SampleRate { get; init; }

    /// <summary>Number of channels.</summary>
    public required int Channels { get; init; }

    /// <summary>ffmpeg's channel layout name (<c>mono</c>, <c>stereo</c>, <c>5.1</c>), or null when the file does not say (e.g. a mono WAV without a channel mask).</summary>
    public string? ChannelLayout { get; init; }

    /// <summary>
    /// Length in samples per channel at <see cref="SampleRate"/>: the stream's <c>duration_ts</c> when its time base
    /// is 1/<see cref="SampleRate"/> (QuickTime, WAV: exact), else its duration × sample rate rounded to the nearest
    /// sample (Matroska keeps only milliseconds: may be off by up to half a millisecond of samples).
    /// </summary>
    public required long SampleCount { get; init; }

    /// <summary>Bits per sample as stored (24 for <c>pcm_s24le</c>), or null for compressed codecs.</summary>
    public int? BitsPerSample { get; init; }
}
