namespace Editing.Sdk.Media;

/// <summary>What the host's media layer found in a media file.</summary>
public sealed record MediaDescription
{
    /// <summary>Absolute path of the file.</summary>
    public required string Path { get; init; }

    /// <summary>Video codec name as ffprobe reports it (<c>prores</c>, <c>h264</c>...), or null without video.</summary>
    public string? VideoCodec { get; init; }

    /// <summary>Codec profile (<c>HQ</c>, <c>dnxhr_hq</c>...), when reported.</summary>
    public string? VideoProfile { get; init; }

    /// <summary>Frame size, or null without video.</summary>
    public PixelSize? Size { get; init; }

    /// <summary>Exact frame rate, or null without video.</summary>
    public VideoRate? Rate { get; init; }

    /// <summary>Number of video frames.</summary>
    public long FrameCount { get; init; }

    /// <summary>Pixel format (<c>yuv422p10le</c>...), when there is video.</summary>
    public string? PixelFormat { get; init; }

    /// <summary>Start timecode (<c>01:00:00:00</c>, <c>;</c> before frames for drop-frame), or null.</summary>
    public string? StartTimecode { get; init; }

    /// <summary>Audio sample rate in Hz of the first audio stream, or null without audio.</summary>
    public int? AudioSampleRate { get; init; }

    /// <summary>Audio channels of the first audio stream, or null without audio.</summary>
    public int? AudioChannels { get; init; }

    /// <summary>Audio samples per channel of the first audio stream, or null without audio.</summary>
    public long? AudioSampleCount { get; init; }
}
