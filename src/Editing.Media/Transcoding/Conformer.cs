using Editing.Media.Execution;
using Editing.Media.Frames;
using Editing.Media.Probe;

namespace Editing.Media.Transcoding;

/// <summary>
/// Brings any video (a provider's output, a plate, an image) to a timeline's format: rate, exact frame count, size,
/// pixel format, codec, timecode and sample-exact audio.
/// </summary>
public static class Conformer
{
    /// <summary>
    /// Converts <paramref name="input"/> to <paramref name="spec"/> and writes <paramref name="output"/>:
    /// <list type="bullet">
    /// <item>rate: <c>fps</c> (frames repeated or dropped at their times; no interpolation, see <see cref="Retimer"/>);</item>
    /// <item>frame count: exactly <see cref="ConformSpec.FrameCount"/> (short sources are padded by repeating the last
    /// frame: <c>tpad</c> → <c>setpts=N</c> → <c>trim=end_frame</c>; long ones are cut);</item>
    /// <item>size with <see cref="EncodeSpec.Scale"/>, pixel format and codec of the spec;</item>
    /// <item>timecode: <see cref="EncodeSpec.StartTimecode"/>, else the source's (frame field scaled when the timecode
    /// base changes), stamped with <c>-timecode</c>;</item>
    /// <item>audio (when <see cref="EncodeSpec.Audio"/> is set): the first audio stream resampled and mixed to the
    /// spec and cut or padded with silence to the exact sample count (silence when the source has none).</item>
    /// </list>
    /// The result is probed before it is moved into place; its frame count (and PCM sample count) must match.
    /// When the input already is what the spec asks for (<see cref="IsConformed"/>: codec and profile, size, square
    /// pixels, pixel format, BT.709 tags, rate and frame count, in a QuickTime file, no overlays or burn-in), its
    /// video is copied (<c>-c:v copy</c>) instead of encoded again; the timecode and audio are written as above.
    /// </summary>
    /// <returns>The probe of the written file.</returns>
    /// <exception cref="MediaException">ffmpeg failed, or the output does not match (<see cref="MediaErrorKind.VerificationFailed"/>).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; ffmpeg is killed and nothing is left at the output path.</exception>
    public static async Task<MediaInfo> ConformAsync(
        string input,
        ConformSpec spec,
        string output,
        IProgress<MediaProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var full = FfmpegArgs.InputPath(input, nameof(input));
        EncodeGraph.Validate(spec, output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spec.FrameCount);
        var info = await MediaProbe.ProbeAsync(full, cancellationToken).ConfigureAwait(false);
        var video = FrameExtractor.RequireVideo(info);
        var timecode = spec.StartTimecode ?? EncodeGraph.CarryTimecode(video.StartTimecode, video.FrameRate, spec.Rate);

        using var temp = TempOutput.For(output, full);
        var copy = IsConformed(info, spec);
        var videoChain = new List<string>
        {
            FilterText.Filter("fps", ("fps", spec.Rate.ToString())),
            EncodeGraph.ScaleChain(spec),
            EncodeGraph.ExactFrames(spec.FrameCount, spec.Rate),
        };
        videoChain.AddRange(EncodeGraph.Overlays(spec, temp));
        var graphs = new List<string>();
        if (!copy)
        {
            graphs.Add($"[0:{video.Index}]{string.Join(',', videoChain)}[v]");
        }
        long? samples = null;
        if (spec.Audio is { } audio)
        {
            samples = audio.SampleCount ?? spec.Rate.FramesToSamples(spec.FrameCount, audio.SampleRate);
            graphs.Add(info.Audio.Count > 0
                ? $"[0:{info.Audio[0].Index}]{EncodeGraph.AudioChain(audio.Format, samples.Value)}[a]"
                : $"{EncodeGraph.Silence(audio.Format, samples.Value)}[a]");
        }

        var args = FfmpegArgs.Start(progress: true);
        FfmpegArgs.AddInput(args, full);
        if (graphs.Count > 0)
        {
            args.AddRange(["-filter_complex", string.Join(';', graphs)]);
        }
        if (copy)
        {
            EncodeGraph.AddCopyOutput(args, $"0:{video.Index}", spec.Audio is not null, timecode, temp.TempPath);
        }
        else
        {
            EncodeGraph.AddOutput(args, spec, spec.Audio is not null, timecode, temp.TempPath);
        }
        await FfmpegRunner.RunAsync(
            new ToolInvocation(MediaTools.Shared.FfmpegPath, args)
            {
                Subject = full,
                Progress = progress,
                TotalFrames = spec.FrameCount,
                ParseProgress = true,
            },
            cancellationToken).ConfigureAwait(false);
        var result = await EncodeGraph.VerifyAsync(temp, spec.FrameCount, EncodeGraph.HasPcmAudio(spec) ? samples : null, cancellationToken).ConfigureAwait(false);
        temp.Commit();
        return result;
    }

    /// <summary>
    /// True when <paramref name="input"/> (a probe) already is what <paramref name="spec"/> asks for, so that
    /// <see cref="ConformAsync"/> copies its video instead of encoding it: a QuickTime file whose first video stream
    /// has the spec's codec and profile (ProRes, DNxHR or FFV1; H.264 is always encoded, its settings cannot be read
    /// back), size, square pixels, pixel format, BT.709 colour tags (limited range), progressive frames, a constant
    /// rate equal to the spec's, timestamps from 0 and exactly <see cref="ConformSpec.FrameCount"/> frames, with no
    /// overlays or burnt-in timecode asked for. Timecode and audio are not compared: they are always written.
    /// </summary>
    public static bool IsConformed(MediaInfo input, ConformSpec spec)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(spec);
        if (input.Video is not { } video || spec.Overlays.Count > 0 || spec.BurnInTimecode || !spec.Rate.IsValid)
        {
            return false;
        }
        (string Codec, string? Profile)? expected = spec.Codec switch
        {
            CodecProfile.ProRes422HQ => ("prores", "HQ"),
            CodecProfile.ProRes422 => ("prores", "Standard"),
            CodecProfile.ProRes422LT => ("prores", "LT"),
            CodecProfile.ProRes422Proxy => ("prores", "Proxy"),
            CodecProfile.DnxhrHQ => ("dnxhd", "DNXHR HQ"),
            CodecProfile.DnxhrSQ => ("dnxhd", "DNXHR SQ"),
            CodecProfile.Ffv1 => ("ffv1", null),
            _ => null,
        };
        return expected is { } codec
            && input.FormatName.StartsWith("mov,", StringComparison.Ordinal)
            && video.Codec == codec.Codec
            && (codec.Profile is null || video.Profile == codec.Profile)
            && video.Width == spec.Width
            && video.Height == spec.Height
            && video.SampleAspectRatio == "1:1"
            && video.PixelFormat == EncodeGraph.PixelFormatOf(spec)
            && video.Color == ("bt709", "bt709", "bt709", "tv")
            && video.FieldOrder is null or "progressive"
            && video.FrameRate == spec.Rate
            && video.AverageFrameRate == spec.Rate
            && (video.StartSeconds ?? 0m) == 0m
            && video.FrameCount == spec.FrameCount;
    }

    /// <summary>
    /// <see cref="IsConformed(MediaInfo, ConformSpec)"/> for a file: one this process wrote with
    /// <see cref="RawVideoWriter"/> (and is unchanged) is judged from the spec it was written with and its checked
    /// frame count, without ffprobe; any other file is probed.
    /// </summary>
    public static async Task<bool> IsConformedAsync(string input, ConformSpec spec, CancellationToken cancellationToken = default)
    {
        var full = FfmpegArgs.InputPath(input, nameof(input));
        ArgumentNullException.ThrowIfNull(spec);
        return WrittenVideos.Find(full) is { } written
            ? written.Satisfies(spec)
            : IsConformed(await MediaProbe.ProbeAsync(full, cancellationToken).ConfigureAwait(false), spec);
    }
}
