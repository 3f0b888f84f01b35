using System.Runtime.CompilerServices;
using Editing.Media;
using Editing.Media.Frames;
using Editing.Media.Probe;
using Editing.Media.Transcoding;
using Editing.Sdk;
using Editing.Sdk.Media;

namespace Editing.Host.Media;

/// <summary>
/// The host's <see cref="IMediaServices"/>: what plugins use instead of running ffmpeg, implemented over the media
/// layer (<c>Editing.Media</c>). Every file it writes appears at its final path only when complete and verified
/// (frame count, sample count), and is deterministic: the same inputs give byte-identical files. Failures of the
/// media layer surface as <see cref="PluginException"/> whose message names the operation and the file and quotes
/// ffmpeg, with <see cref="PluginException.Code"/> <c>MEDIA.&lt;KIND&gt;</c> (<c>MEDIA.INPUT_NOT_FOUND</c>,
/// <c>MEDIA.OUT_OF_RANGE</c>...); wrong arguments throw <see cref="ArgumentException"/>.
/// </summary>
/// <remarks>
/// Workers create their own instance with the parameterless constructor (see <c>PluginHostOptions.MediaServicesType</c>),
/// so that constructor gives the defaults of <see cref="HostMediaServicesOptions"/>.
/// </remarks>
public sealed partial class HostMediaServices : IMediaServices
{
    /// <summary>Services with the default options: ProRes 422 HQ (<c>-qscale:v 4</c>), scratch in the system temp folder.</summary>
    public HostMediaServices()
        : this(new HostMediaServicesOptions())
    {
    }

    /// <summary>Services with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The ProRes quantiser is outside 1..32.</exception>
    public HostMediaServices(HostMediaServicesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ProResQScale, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ProResQScale, 32, nameof(options));
        Options = options;
        ScratchDirectory = Path.GetFullPath(options.ScratchDirectory ?? Path.Combine(Path.GetTempPath(), "editing-media"));
    }

    /// <summary>The options in use.</summary>
    public HostMediaServicesOptions Options { get; }

    /// <summary>The absolute folder for intermediate files.</summary>
    public string ScratchDirectory { get; }

    /// <summary>Probes a video, image or audio file.</summary>
    /// <exception cref="PluginException">The file is missing or not media (<c>MEDIA.INPUT_NOT_FOUND</c>, <c>MEDIA.INVALID_MEDIA</c>).</exception>
    public async Task<MediaDescription> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var info = await MediaErrors.GuardAsync("probing", path, () => MediaProbe.ProbeAsync(path, cancellationToken)).ConfigureAwait(false);
        return Describe(info);
    }

    /// <summary>Writes frame <paramref name="frame"/> (0-based, exact) of a video, or an image itself (frame 0), as a
    /// 16-bit RGB PNG, atomically.</summary>
    public Task ExtractFrameAsync(string path, long frame, string outputPng, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPng);
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        return MediaErrors.GuardAsync(
            $"extracting frame {frame}",
            path,
            () => FrameExtractor.ExtractFrameAsync(path, frame, outputPng, PngBitDepth.Sixteen, cancellationToken));
    }

    /// <summary>
    /// Decodes <paramref name="count"/> frames from <paramref name="firstFrame"/> as packed <c>rgb24</c> or
    /// <c>rgb48le</c>, each in its own buffer; when <paramref name="size"/> differs from the file's, frames are resized
    /// to it (stretched, Lanczos-3). A still image (or any one-frame file) yields exactly one frame whatever
    /// <paramref name="count"/> asks, and only from frame 0. Stopping the enumeration early stops the decoder.
    /// </summary>
    /// <exception cref="PluginException">The file ends before <paramref name="count"/> frames (<c>MEDIA.OUT_OF_RANGE</c>),
    /// or cannot be read.</exception>
    public async IAsyncEnumerable<VideoFrame> ReadFramesAsync(string path, long firstFrame, int count, PixelSize? size,
        FramePixelFormat format, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegative(firstFrame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (size is { } wanted && (wanted.Width <= 0 || wanted.Height <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "a frame size must be positive");
        }

        var rawFormat = SpecMapping.ToRaw(format);
        var info = await MediaErrors.GuardAsync("reading frames", path, () => MediaProbe.ProbeAsync(path, cancellationToken)).ConfigureAwait(false);
        var video = info.Video ?? throw MediaErrors.Map(
            new MediaException(MediaErrorKind.InvalidMedia, $"'{info.Path}' has no video stream.", info.Path), "reading frames", path);
        if (IsStill(info, video))
        {
            if (firstFrame != 0)
            {
                throw MediaErrors.Map(
                    new MediaException(MediaErrorKind.OutOfRange, $"'{info.Path}' is a still image: only frame 0 exists, not {firstFrame}.", info.Path),
                    "reading frames",
                    path);
            }

            count = 1;
        }

        var operation = $"reading frames {firstFrame}..{firstFrame + count - 1}";
        // The native size is passed so the reader does not probe the file a second time.
        var native = new FrameSize(video.Width, video.Height);
        await using var frames = RawFrameReader.ReadFramesAsync(info.Path, firstFrame, count, rawFormat, native, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await frames.MoveNextAsync().ConfigureAwait(false);
            }
            catch (MediaException e)
            {
                throw MediaErrors.Map(e, operation, path);
            }

            if (!more)
            {
                yield break;
            }

            var raw = frames.Current;
            var frame = new VideoFrame(raw.Width, raw.Height, format, raw.Pixels);
            yield return size is { } target ? LanczosScaler.Scale(frame, target) : frame;
        }
    }

    /// <summary>
    /// A writer encoding frames of <paramref name="spec"/> with the configured codec (see
    /// <see cref="HostMediaServicesOptions.Codec"/> for how the path's extension picks it), overlays and burnt-in
    /// timecode (the file's start timecode is then the same). The file appears only after
    /// <see cref="IVideoFrameWriter.CompleteAsync"/> with exactly <see cref="VideoWriteSpec.FrameCount"/> frames.
    /// </summary>
    /// <exception cref="ArgumentException">The spec or path cannot be used (every problem at once).</exception>
    /// <exception cref="PluginException">ffmpeg could not be started or the folder does not exist.</exception>
    public IVideoFrameWriter CreateWriter(string outputPath, VideoWriteSpec spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        SpecMapping.Validate(spec, nameof(spec));
        var encode = SpecMapping.ToEncodeSpec(spec, outputPath, Options);
        try
        {
            var writer = RawVideoWriter.Create(
                outputPath,
                encode,
                new FrameSize(spec.Size.Width, spec.Size.Height),
                SpecMapping.ToRaw(spec.InputFormat));
            return new FrameWriter(writer, spec);
        }
        catch (MediaException e)
        {
            throw MediaErrors.Map(e, "starting the encoder", outputPath);
        }
    }

    private static MediaDescription Describe(MediaInfo info)
    {
        var video = info.Video;
        var audio = info.Audio.Count > 0 ? info.Audio[0] : null;
        return new MediaDescription
        {
            Path = info.Path,
            VideoCodec = video?.Codec,
            VideoProfile = video?.Profile,
            Size = video is { Width: > 0, Height: > 0 } ? new PixelSize(video.Width, video.Height) : null,
            Rate = video is { FrameRate.IsValid: true } ? SpecMapping.ToVideoRate(video.FrameRate) : null,
            FrameCount = Math.Max(0, video?.FrameCount ?? 0),
            PixelFormat = video?.PixelFormat,
            StartTimecode = video?.StartTimecode,
            AudioSampleRate = audio?.SampleRate,
            AudioChannels = audio?.Channels,
            AudioSampleCount = audio?.SampleCount,
        };
    }

    private static bool IsStill(MediaInfo info, VideoStreamInfo video) =>
        video.FrameCount <= 1
        || info.FormatName.StartsWith("image2", StringComparison.Ordinal)
        || info.FormatName.EndsWith("_pipe", StringComparison.Ordinal);
}
