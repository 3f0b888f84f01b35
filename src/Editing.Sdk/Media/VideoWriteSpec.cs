namespace Editing.Sdk.Media;

/// <summary>
/// What a plugin writes with <see cref="IMediaServices.CreateWriter"/>: size, exact rate and frame count, burn-ins.
/// The codec is the host's choice (its intermediate or the run's delivery codec); plugins never pick encoder options.
/// </summary>
public sealed record VideoWriteSpec
{
    /// <summary>Frame size of the frames written and of the file.</summary>
    public required PixelSize Size { get; init; }

    /// <summary>Exact frame rate.</summary>
    public required VideoRate Rate { get; init; }

    /// <summary>Pixel layout of the frames handed to the writer.</summary>
    public FramePixelFormat InputFormat { get; init; } = FramePixelFormat.Rgb24;

    /// <summary>Number of frames the plugin promises to write; the writer fails if a different number arrives.</summary>
    public required int FrameCount { get; init; }

    /// <summary>Static text burnt into every frame.</summary>
    public IReadOnlyList<TextOverlay> Overlays { get; init; } = [];

    /// <summary>When set, a running timecode starting here (<c>01:00:00:00</c>) is burnt in at the bottom.</summary>
    public string? BurnInTimecode { get; init; }
}
