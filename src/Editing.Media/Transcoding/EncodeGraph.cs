using System.Globalization;
using System.Text;
using Editing.Media.Audio;
using Editing.Media.Execution;
using Editing.Media.Probe;

namespace Editing.Media.Transcoding;

/// <summary>
/// The filter chains and output options every encode shares: scale policy, exact frame counts, overlays, exact
/// audio, codec settings, timecode and bit-exact muxing. One place, so that every operation writes the same way.
/// </summary>
internal static partial class EncodeGraph
{
    private const string ScaleFlags = "bicubic+accurate_rnd+full_chroma_int";

    /// <summary>Refuses a spec that cannot be encoded as asked, with every problem found at once.</summary>
    public static void Validate(EncodeSpec spec, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<string>();
        if (!spec.Rate.IsValid)
        {
            problems.Add("Rate is not set.");
        }
        if (spec.Width <= 0 || spec.Height <= 0)
        {
            problems.Add($"The size {spec.Width}x{spec.Height} is not positive.");
        }
        var pixelFormat = PixelFormatOf(spec);
        if (pixelFormat.StartsWith("yuv42", StringComparison.Ordinal) && spec.Width % 2 != 0)
        {
            problems.Add($"{pixelFormat} needs an even width, not {spec.Width}.");
        }
        if (pixelFormat.StartsWith("yuv420", StringComparison.Ordinal) && spec.Height % 2 != 0)
        {
            problems.Add($"{pixelFormat} needs an even height, not {spec.Height}.");
        }
        var extension = Path.GetExtension(outputPath);
        var expected = ExtensionOf(spec.Codec);
        if (!string.Equals(extension, expected, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{spec.Codec} is written to {expected} files, not '{extension}' ({outputPath}).");
        }
        if (spec.ProResQScale is < 1 or > 32)
        {
            problems.Add($"ProResQScale {spec.ProResQScale} is outside 1..32.");
        }
        if (spec.StartTimecode is { } timecode && spec.Rate.IsValid && TimecodeProblem(timecode, spec.Rate) is { } problem)
        {
            problems.Add(problem);
        }
        if (spec.Audio is { } audio)
        {
            if (audio.SampleRate is < 1000 or > 768000 || audio.Channels is < 1 or > 64)
            {
                problems.Add($"Audio {audio.SampleRate} Hz × {audio.Channels} channels is not supported.");
            }
            if (audio.SampleCount is < 0)
            {
                problems.Add($"Audio sample count {audio.SampleCount} is negative.");
            }
        }
        foreach (var overlay in spec.Overlays)
        {
            if (overlay is null || overlay.Text is null)
            {
                problems.Add("An overlay has no text.");
            }
            else if (overlay.FontSize is <= 0)
            {
                problems.Add($"Overlay font size {overlay.FontSize} is not positive.");
            }
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException("The encode spec cannot be used: " + string.Join(" ", problems), nameof(spec));
        }
    }

    /// <summary>The container extension of a codec: <c>.mp4</c> for H.264, <c>.mov</c> for the others.</summary>
    public static string ExtensionOf(CodecProfile codec) => codec switch
    {
        CodecProfile.H264Review => ".mp4",
        _ => ".mov",
    };

    /// <summary>The pixel format the video is encoded in.</summary>
    public static string PixelFormatOf(EncodeSpec spec) => spec.PixelFormat ?? spec.Codec switch
    {
        CodecProfile.DnxhrHQ or CodecProfile.DnxhrSQ => "yuv422p",
        CodecProfile.H264Review => "yuv420p",
        CodecProfile.Ffv1 => "yuv444p10le",
        _ => "yuv422p10le",
    };

    /// <summary>
    /// Scale to the spec's size with its policy, convert to the output pixel format (RGB → YUV with the BT.709
    /// matrix, limited range, frames tagged BT.709) and set square pixels. YUV sources keep their values (no matrix
    /// conversion between YUV formats), so an untagged or BT.601 source is tagged BT.709 as HD material is.
    /// </summary>
    public static string ScaleChain(EncodeSpec spec)
    {
        var pixelFormat = PixelFormatOf(spec);
        var w = Num(spec.Width);
        var h = Num(spec.Height);
        var scale = new List<(string, string)> { ("w", w), ("h", h) };
        if (spec.Scale == ScalePolicy.Fit)
        {
            scale.Add(("force_original_aspect_ratio", "decrease"));
            scale.Add(("force_divisible_by", "2"));
        }
        else if (spec.Scale == ScalePolicy.Fill)
        {
            scale.Add(("force_original_aspect_ratio", "increase"));
        }
        scale.Add(("flags", ScaleFlags));
        if (IsYuv(pixelFormat))
        {
            scale.Add(("out_color_matrix", "bt709"));
            scale.Add(("out_range", "tv"));
        }
        var parts = new List<string> { FilterText.Filter("scale", [.. scale]) };
        if (spec.Scale == ScalePolicy.Fill)
        {
            parts.Add(FilterText.Filter("crop", ("w", w), ("h", h)));
        }
        parts.Add(FilterText.Filter("format", ("pix_fmts", pixelFormat)));
        if (IsYuv(pixelFormat))
        {
            // Tag the frames: ffmpeg 5.1 writes the encoder's -colorspace options only when the frames carry them,
            // and readers that honour the tag then decode with the matrix used here.
            parts.Add(FilterText.Filter("setparams", ("colorspace", "bt709"), ("color_primaries", "bt709"), ("color_trc", "bt709"), ("range", "tv")));
        }
        if (spec.Scale == ScalePolicy.Fit)
        {
            parts.Add(FilterText.Filter("pad", ("w", w), ("h", h), ("x", "(ow-iw)/2"), ("y", "(oh-ih)/2"), ("color", "black")));
        }
        parts.Add("setsar=1");
        return string.Join(',', parts);
    }

    /// <summary>
    /// What <see cref="ScaleChain"/> does to frames that already have the spec's size and pixel format (converted
    /// by <see cref="YuvConverter"/>): the BT.709 tags and square pixels, nothing else.
    /// </summary>
    public static string TagChain(EncodeSpec spec)
    {
        var parts = new List<string> { FilterText.Filter("format", ("pix_fmts", PixelFormatOf(spec))) };
        if (IsYuv(PixelFormatOf(spec)))
        {
            parts.Add(FilterText.Filter("setparams", ("colorspace", "bt709"), ("color_primaries", "bt709"), ("color_trc", "bt709"), ("range", "tv")));
        }
        parts.Add("setsar=1");
        return string.Join(',', parts);
    }

    /// <summary>
    /// Exactly <paramref name="frames"/> frames at <paramref name="rate"/>: clone the last frame without end
    /// (<c>tpad</c>), renumber every frame's time from its index (<c>settb</c> 1/rate and <c>setpts=N</c>: tpad's own
    /// clone times leave a hole the ffmpeg CLI would fill with extra frames), cut at the count (<c>trim</c>), and
    /// declare the rate (<c>fps</c>, which then changes nothing) so the encoder and muxer know each frame's duration.
    /// </summary>
    public static string ExactFrames(long frames, FrameRate rate) => string.Join(',',
        FilterText.Filter("tpad", ("stop_mode", "clone"), ("stop", "-1")),
        Renumber(rate),
        FilterText.Filter("trim", ("end_frame", Num(frames))),
        FilterText.Filter("fps", ("fps", rate.ToString())));

    /// <summary><c>settb</c> 1/rate and <c>setpts=N</c>: frame n at exactly n/rate.</summary>
    public static string Renumber(FrameRate rate) => string.Join(',',
        FilterText.Filter("settb", ("expr", string.Create(CultureInfo.InvariantCulture, $"{rate.Denominator}/{rate.Numerator}"))),
        "setpts=N");

    /// <summary>
    /// drawtext filters for the spec's text overlays and burnt-in timecode; each text goes through a scratch file
    /// (expansion off) so nothing in it needs escaping.
    /// </summary>
    public static IEnumerable<string> Overlays(EncodeSpec spec, TempOutput output)
    {
        var tools = MediaTools.Shared;
        var margin = Math.Max(2, spec.Height / 30);
        foreach (var overlay in spec.Overlays)
        {
            var textFile = output.Scratch(".overlay.txt");
            File.WriteAllText(textFile, overlay.Text.ReplaceLineEndings("\n"), new UTF8Encoding(false));
            var size = overlay.FontSize ?? Math.Max(8, spec.Height / 24);
            var border = Math.Max(1, size / 4);
            var (x, y) = Place(overlay.Position, margin + border);
            var options = new List<(string, string)>
            {
                ("fontfile", tools.RequireFont(overlay.Monospace)),
                ("textfile", textFile),
                ("expansion", "none"),
                ("fontsize", Num(size)),
                ("fontcolor", overlay.Color),
                ("x", x),
                ("y", y),
            };
            if (overlay.Box)
            {
                options.AddRange([("box", "1"), ("boxcolor", "black@0.55"), ("boxborderw", Num(border))]);
            }
            yield return FilterText.Filter("drawtext", [.. options]);
        }
        if (spec.BurnInTimecode)
        {
            var size = Math.Max(8, spec.Height / 18);
            var border = Math.Max(1, size / 5);
            var (x, y) = Place(OverlayPosition.BottomRight, margin + border);
            yield return FilterText.Filter(
                "drawtext",
                ("fontfile", tools.RequireFont(monospace: true)),
                ("timecode", spec.StartTimecode ?? "00:00:00:00"),
                ("rate", spec.Rate.ToString()),
                ("fontsize", Num(size)),
                ("fontcolor", "white"),
                ("box", "1"),
                ("boxcolor", "black@0.6"),
                ("boxborderw", Num(border)),
                ("x", x),
                ("y", y));
        }
    }

    /// <summary>
    /// Audio resampled to <paramref name="format"/> (24-bit-ready <c>s32</c> samples), padded with silence and cut
    /// to exactly <paramref name="samples"/> samples per channel (<c>apad</c> then <c>atrim=end_sample</c>).
    /// </summary>
    public static string AudioChain(AudioFormat format, long samples) => string.Join(',',
        FilterText.Filter("aresample", ("osr", Num(format.SampleRate))),
        FilterText.Filter("aformat", ("sample_fmts", "s32"), ("sample_rates", Num(format.SampleRate)), ("channel_layouts", format.ChannelLayout)),
        ExactSamples(samples));

    /// <summary><c>apad</c> + <c>atrim</c> to exactly <paramref name="samples"/>, then timestamps from the sample count.</summary>
    public static string ExactSamples(long samples) => string.Join(',',
        FilterText.Filter("apad", ("whole_len", Num(samples))),
        FilterText.Filter("atrim", ("end_sample", Num(samples))),
        "asetpts=N/SR/TB");

    /// <summary>A silent source of exactly <paramref name="samples"/> samples in <paramref name="format"/>.</summary>
    public static string Silence(AudioFormat format, long samples) => string.Join(',',
        FilterText.Filter("anullsrc", ("r", Num(format.SampleRate)), ("cl", format.ChannelLayout)),
        FilterText.Filter("aformat", ("sample_fmts", "s32")),
        FilterText.Filter("atrim", ("end_sample", Num(samples))));

    /// <summary>
    /// Output options: maps <c>[v]</c> (and <c>[a]</c>), the codec settings, colour tags, the timecode, bit-exact
    /// muxing and the temp path. No <c>-frames:v</c> guard: when one stream reaches it, ffmpeg closes the whole output
    /// file and the audio is cut short; the graph's <c>trim</c> already ends the video at the exact count.
    /// </summary>
    public static void AddOutput(List<string> args, EncodeSpec spec, bool withAudio, string? timecode, string tempPath)
    {
        args.AddRange(["-map", "[v]"]);
        if (withAudio)
        {
            args.AddRange(["-map", "[a]"]);
        }
        var pixelFormat = PixelFormatOf(spec);
        switch (spec.Codec)
        {
            case CodecProfile.ProRes422HQ or CodecProfile.ProRes422 or CodecProfile.ProRes422LT or CodecProfile.ProRes422Proxy:
                var profile = spec.Codec switch
                {
                    CodecProfile.ProRes422HQ => "3",
                    CodecProfile.ProRes422 => "2",
                    CodecProfile.ProRes422LT => "1",
                    _ => "0",
                };
                args.AddRange(["-c:v", "prores_ks", "-profile:v", profile, "-qscale:v", Num(spec.ProResQScale), "-vendor", "apl0"]);
                break;
            case CodecProfile.DnxhrHQ:
                args.AddRange(["-c:v", "dnxhd", "-profile:v", "dnxhr_hq"]);
                break;
            case CodecProfile.DnxhrSQ:
                args.AddRange(["-c:v", "dnxhd", "-profile:v", "dnxhr_sq"]);
                break;
            case CodecProfile.H264Review:
                // Fixed thread count: x264's output depends on it, and outputs must not depend on the machine.
                args.AddRange(["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-threads", "4", "-movflags", "+faststart"]);
                break;
            case CodecProfile.Ffv1:
                args.AddRange(["-c:v", "ffv1", "-level", "3", "-g", "1", "-slices", "4", "-slicecrc", "1"]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Codec, "Unknown codec profile.");
        }
        args.AddRange(["-pix_fmt", pixelFormat]);
        if (IsYuv(pixelFormat))
        {
            args.AddRange(["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv"]);
        }
        if (withAudio)
        {
            if (spec.Codec == CodecProfile.H264Review)
            {
                args.AddRange(["-c:a", "aac", "-b:a", "256k"]);
            }
            else
            {
                args.AddRange(["-c:a", "pcm_s24le"]);
            }
        }
        // Global metadata is dropped for determinism (-map_metadata -1 in AddBitexact); the timecode is then set
        // explicitly. An output fed from -filter_complex would lose the source's timecode anyway.
        FfmpegArgs.AddBitexact(args);
        if (timecode is not null)
        {
            args.AddRange(["-timecode", timecode]);
        }
        args.Add(tempPath);
    }

    /// <summary>
    /// Output options for a stream copy of the video <paramref name="videoStream"/> (<c>0:N</c>) with, when
    /// <paramref name="withAudio"/>, the graph's <c>[a]</c> as 24-bit PCM: bit-exact muxing, the timecode and the
    /// temp path, as <see cref="AddOutput"/> writes them.
    /// </summary>
    public static void AddCopyOutput(List<string> args, string videoStream, bool withAudio, string? timecode, string tempPath)
    {
        args.AddRange(["-map", videoStream]);
        if (withAudio)
        {
            args.AddRange(["-map", "[a]"]);
        }
        args.AddRange(["-c:v", "copy"]);
        if (withAudio)
        {
            args.AddRange(["-c:a", "pcm_s24le"]);
        }
        FfmpegArgs.AddBitexact(args);
        if (timecode is not null)
        {
            args.AddRange(["-timecode", timecode]);
        }
        args.Add(tempPath);
    }

    /// <summary>True when the output codec stores PCM audio (sample counts can be verified exactly).</summary>
    public static bool HasPcmAudio(EncodeSpec spec) => spec.Audio is not null && spec.Codec != CodecProfile.H264Review;

    /// <summary>
    /// Probes a finished temp output and checks its frame count (and PCM sample count); throws
    /// <see cref="MediaErrorKind.VerificationFailed"/> naming the final path otherwise.
    /// </summary>
    public static async Task<MediaInfo> VerifyAsync(TempOutput output, long frames, long? pcmSamples, CancellationToken cancellationToken)
    {
        var info = await output.ProbeAsync(cancellationToken).ConfigureAwait(false);
        CheckCounts(output, info.Video?.FrameCount ?? 0, frames, info.Audio.Count > 0 ? info.Audio[0].SampleCount : -1, pcmSamples);
        return info with { Path = output.FinalPath };
    }

    /// <summary>
    /// Checks a finished temp output's frame count (and PCM sample count) from its QuickTime/MP4 track tables
    /// (<see cref="MovTracks"/>), without ffprobe: true when they match, false when the file is not one the reader
    /// understands or whose audio is not counted in samples of <paramref name="sampleRate"/> (the caller then probes);
    /// throws <see cref="MediaErrorKind.VerificationFailed"/> when they differ.
    /// </summary>
    public static bool VerifyTracks(TempOutput output, long frames, long? pcmSamples, int sampleRate)
    {
        var extension = Path.GetExtension(output.FinalPath);
        if (!extension.Equals(".mov", StringComparison.OrdinalIgnoreCase) && !extension.Equals(".mp4", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (MovTracks.Read(output.TempPath) is not { } tracks)
        {
            return false;
        }
        var video = tracks.Where(t => t.Handler == "vide").ToList();
        var sound = tracks.Where(t => t.Handler == "soun").ToList();
        if (video.Count != 1 || (pcmSamples is not null && (sound.Count != 1 || sound[0].Timescale != sampleRate)))
        {
            return false;
        }
        CheckCounts(output, video[0].SampleCount, frames, pcmSamples is null ? -1 : (long)sound[0].Duration, pcmSamples);
        return true;
    }

    /// <summary>Throws <see cref="MediaErrorKind.VerificationFailed"/> naming the final path when a count differs.</summary>
    private static void CheckCounts(TempOutput output, long actualFrames, long frames, long actualSamples, long? pcmSamples)
    {
        if (actualFrames != frames)
        {
            throw new MediaException(
                MediaErrorKind.VerificationFailed,
                $"The encode of '{output.FinalPath}' has {actualFrames} frame(s), not the {frames} asked for.",
                output.FinalPath);
        }
        if (pcmSamples is { } samples && actualSamples != samples)
        {
            throw new MediaException(
                MediaErrorKind.VerificationFailed,
                $"The encode of '{output.FinalPath}' has {actualSamples} audio sample(s), not the {samples} asked for.",
                output.FinalPath);
        }
    }

    private static bool IsYuv(string pixelFormat) => pixelFormat.StartsWith("yuv", StringComparison.Ordinal);

    private static (string X, string Y) Place(OverlayPosition position, int margin)
    {
        var m = Num(margin);
        var left = m;
        var center = "(w-text_w)/2";
        var right = $"w-text_w-{m}";
        var top = m;
        var middle = "(h-text_h)/2";
        var bottom = $"h-text_h-{m}";
        return position switch
        {
            OverlayPosition.TopLeft => (left, top),
            OverlayPosition.TopCenter => (center, top),
            OverlayPosition.TopRight => (right, top),
            OverlayPosition.Center => (center, middle),
            OverlayPosition.BottomLeft => (left, bottom),
            OverlayPosition.BottomCenter => (center, bottom),
            _ => (right, bottom),
        };
    }

    internal static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
