namespace Editing.Media.Probe;

/// <summary>What <see cref="MediaProbe.ProbeAsync"/> found in a file.</summary>
public sealed record MediaInfo
{
    /// <summary>The full path of the probed file.</summary>
    public required string Path { get; init; }

    /// <summary>ffmpeg's demuxer name(s), e.g. <c>mov,mp4,m4a,3gp,3g2,mj2</c>, <c>wav</c>, <c>png_pipe</c>.</summary>
    public required string FormatName { get; init; }

    /// <summary>The container duration in microseconds, or null when unknown.</summary>
    public long? DurationMicroseconds { get; init; }

    /// <summary>The container's <c>start_time</c> in seconds (what <c>-ss</c> counts from), or null when unknown.</summary>
    internal decimal? StartSeconds { get; init; }

    /// <summary>The first video stream (attached cover pictures ignored), or null for audio-only files.</summary>
    public VideoStreamInfo? Video { get; init; }

    /// <summary>Every audio stream in file order (empty when none).</summary>
    public IReadOnlyList<AudioStreamInfo> Audio { get; init; } = [];

    /// <summary>The reel (tape) name the file carries: the <c>reel_name</c> tag of the video stream, else of the
    /// timecode (<c>tmcd</c>) stream where QuickTime writers put it, else the container's <c>reel_name</c>,
    /// <c>reel</c> or <c>tape</c> tag; null when none.</summary>
    public string? Reel { get; init; }

    /// <summary>Equal when every property is equal, comparing <see cref="Audio"/> stream by stream.</summary>
    public bool Equals(MediaInfo? other) =>
        other is not null
        && Path == other.Path
        && FormatName == other.FormatName
        && DurationMicroseconds == other.DurationMicroseconds
        && Equals(Video, other.Video)
        && Audio.SequenceEqual(other.Audio)
        && Reel == other.Reel;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Path, FormatName, DurationMicroseconds, Video, Audio.Count, Reel);
}
