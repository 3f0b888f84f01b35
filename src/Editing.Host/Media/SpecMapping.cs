using Editing.Media;
using Editing.Media.Frames;
using Editing.Media.Transcoding;
using Editing.Sdk.Media;
using MediaOverlay = Editing.Media.Transcoding.TextOverlay;
using SdkOverlay = Editing.Sdk.Media.TextOverlay;

namespace Editing.Host.Media;

/// <summary>Translates the SDK's media vocabulary (rates, specs, overlays) into the media layer's.</summary>
internal static class SpecMapping
{
    public static FrameRate ToFrameRate(VideoRate rate) =>
        rate.Numerator > 0 && rate.Denominator > 0
            ? new FrameRate(rate.Numerator, rate.Denominator)
            : throw new ArgumentOutOfRangeException(nameof(rate), rate, "a frame rate must be positive");

    public static VideoRate ToVideoRate(FrameRate rate) => new(rate.Numerator, rate.Denominator);

    public static RawPixelFormat ToRaw(FramePixelFormat format) => format switch
    {
        FramePixelFormat.Rgb24 => RawPixelFormat.Rgb24,
        FramePixelFormat.Rgb48 => RawPixelFormat.Rgb48,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown pixel format"),
    };

    /// <summary>
    /// The codec for <paramref name="outputPath"/>: <paramref name="configured"/> when the path has its container's
    /// extension, else the default codec of the path's container (<c>.mov</c> → ProRes 422 HQ, <c>.mp4</c> → H.264).
    /// </summary>
    /// <exception cref="ArgumentException">The extension is neither <c>.mov</c> nor <c>.mp4</c>.</exception>
    public static CodecProfile CodecFor(string outputPath, CodecProfile configured)
    {
        var extension = Path.GetExtension(outputPath).ToLowerInvariant();
        var container = configured == CodecProfile.H264Review ? ".mp4" : ".mov";
        return extension == container ? configured : extension switch
        {
            ".mov" => CodecProfile.ProRes422HQ,
            ".mp4" => CodecProfile.H264Review,
            _ => throw new ArgumentException($"video is written to .mov or .mp4 files, not '{extension}' ({outputPath})", nameof(outputPath)),
        };
    }

    /// <summary>Checks a write spec, with every problem at once.</summary>
    /// <exception cref="ArgumentException">The spec cannot be written.</exception>
    public static void Validate(VideoWriteSpec spec, string paramName)
    {
        ArgumentNullException.ThrowIfNull(spec, paramName);
        var problems = new List<string>();
        if (spec.Size.Width <= 0 || spec.Size.Height <= 0)
        {
            problems.Add($"the size {spec.Size} is not positive");
        }

        if (spec.Rate.Numerator <= 0 || spec.Rate.Denominator <= 0)
        {
            problems.Add($"the rate {spec.Rate} is not positive");
        }

        if (spec.FrameCount < 1)
        {
            problems.Add($"the frame count {spec.FrameCount} is below 1");
        }

        if (spec.Overlays is null || spec.Overlays.Any(o => o is null || o.Text is null || !(o.Size > 0) || !double.IsFinite(o.Y)))
        {
            problems.Add("every overlay needs text, a finite position and a positive size");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("the video write spec cannot be used: " + string.Join("; ", problems), paramName);
        }
    }

    /// <summary>
    /// The encode for a plugin's spec: its exact size (frames are stretched to it, never letterboxed), rate, overlays
    /// and burnt-in timecode (also stamped as the file's start timecode), with the codec for the path.
    /// </summary>
    public static EncodeSpec ToEncodeSpec(VideoWriteSpec spec, string outputPath, HostMediaServicesOptions options) => new()
    {
        Rate = ToFrameRate(spec.Rate),
        Width = spec.Size.Width,
        Height = spec.Size.Height,
        Scale = ScalePolicy.Stretch,
        Codec = CodecFor(outputPath, options.Codec),
        ProResQScale = options.ProResQScale,
        StartTimecode = spec.BurnInTimecode,
        BurnInTimecode = spec.BurnInTimecode is not null,
        Overlays = Overlays(spec.Overlays, spec.Size.Height),
    };

    /// <summary>
    /// The media layer places text at seven anchors (corners, top and bottom centre, centre), not at fractions:
    /// each overlay goes to the anchor nearest its position (X null or near the middle = centred; Y in the top third =
    /// top, bottom third = bottom, else centre; a centred-left or centred-right position goes to the centre), and
    /// overlays that land on the same anchor are joined, top to bottom, into one block in the first one's style.
    /// </summary>
    public static IReadOnlyList<MediaOverlay> Overlays(IReadOnlyList<SdkOverlay> overlays, int height)
    {
        var groups = new List<(OverlayPosition Position, List<SdkOverlay> Items)>();
        foreach (var overlay in overlays.Where(o => o.Text.Length > 0).OrderBy(o => o.Y))
        {
            var position = Anchor(overlay);
            var group = groups.FindIndex(g => g.Position == position);
            if (group < 0)
            {
                groups.Add((position, [overlay]));
            }
            else
            {
                groups[group].Items.Add(overlay);
            }
        }

        return groups.Select(g =>
        {
            var first = g.Items[0];
            return new MediaOverlay
            {
                Text = string.Join('\n', g.Items.Select(o => o.Text)),
                Position = g.Position,
                FontSize = Math.Max(8, (int)Math.Round(first.Size * height)),
                Monospace = first.Monospace,
                Color = first.Color,
                Box = first.Box,
            };
        }).ToList();
    }

    private static OverlayPosition Anchor(SdkOverlay overlay)
    {
        var column = overlay.X switch
        {
            null => 1,
            < 0.3 => 0,
            > 0.55 => 2,
            _ => 1,
        };
        var row = overlay.Y switch
        {
            < 1.0 / 3 => 0,
            > 0.6 => 2,
            _ => 1,
        };
        return (row, column) switch
        {
            (0, 0) => OverlayPosition.TopLeft,
            (0, 1) => OverlayPosition.TopCenter,
            (0, _) => OverlayPosition.TopRight,
            (2, 0) => OverlayPosition.BottomLeft,
            (2, 1) => OverlayPosition.BottomCenter,
            (2, _) => OverlayPosition.BottomRight,
            _ => OverlayPosition.Center,
        };
    }
}
