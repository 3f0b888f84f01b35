namespace Editing.Media.Probe;

/// <summary>The first video stream of a file, as ffprobe reports it.</summary>
public sealed record VideoStreamInfo
{
    /// <summary>The stream's index in the file (ffprobe <c>index</c>).</summary>
    public required int Index { get; init; }

    /// <summary>ffmpeg's codec name, e.g. <c>prores</c>, <c>dnxhd</c>, <c>h264</c>, <c>png</c>.</summary>
    public required string Codec { get; init; }

    /// <summary>The codec profile as ffprobe spells it (<c>HQ</c>, <c>LT</c>, <c>Proxy</c>, <c>DNXHR HQ</c>, <c>High</c>), or null.</summary>
    public string? Profile { get; init; }

    /// <summary>Width in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>ffmpeg's pixel format name, e.g. <c>yuv422p10le</c>, <c>rgb48be</c>.</summary>
    public required string PixelFormat { get; init; }

    /// <summary>The exact frame rate, from <c>r_frame_rate</c> (else <c>avg_frame_rate</c>); 25/1 for a still image.</summary>
    public required FrameRate FrameRate { get; init; }

    /// <summary>
    /// Number of frames: the container's <c>nb_frames</c>, or, when the container does not store it (Matroska,
    /// images), the packets counted by reading the stream (<c>ffprobe -count_packets</c>, one packet per frame for
    /// the codecs used here).
    /// </summary>
    public required long FrameCount { get; init; }

    /// <summary>
    /// The start timecode (<c>HH:MM:SS:FF</c>, <c>;</c> before the frames for drop-frame) from the video stream's
    /// <c>timecode</c> tag, else a <c>tmcd</c> data stream's tag, else the format tags (Matroska/MXF); null if none.
    /// </summary>
    public string? StartTimecode { get; init; }

    /// <summary>The stream's <c>avg_frame_rate</c> (frames ÷ duration); equal to <see cref="FrameRate"/> for constant-rate video.</summary>
    internal FrameRate AverageFrameRate { get; init; }

    /// <summary>The stream's <c>start_time</c> in seconds (its first timestamp), or null when ffprobe gives none.</summary>
    internal decimal? StartSeconds { get; init; }

    /// <summary>The stream's <c>duration</c> in seconds (the container's when the stream has none), or null.</summary>
    internal decimal? DurationSeconds { get; init; }

    /// <summary><c>sample_aspect_ratio</c> as ffprobe spells it (<c>1:1</c>), or null.</summary>
    internal string? SampleAspectRatio { get; init; }

    /// <summary>Colour tags (<c>color_space</c>, <c>color_primaries</c>, <c>color_transfer</c>, <c>color_range</c>), null where untagged.</summary>
    internal (string? Space, string? Primaries, string? Transfer, string? Range) Color { get; init; }

    /// <summary><c>field_order</c> (<c>progressive</c>, <c>tt</c>…), or null.</summary>
    internal string? FieldOrder { get; init; }
}
