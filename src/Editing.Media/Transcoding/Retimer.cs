using System.Globalization;
using Editing.Media.Execution;
using Editing.Media.Frames;
using Editing.Media.Probe;

namespace Editing.Media.Transcoding;

/// <summary>
/// Changes the speed of a range of frames with interpolation, and builds transitions between two stills, always
/// with an exact output frame count.
/// </summary>
public static class Retimer
{
    /// <summary>
    /// Takes <paramref name="sourceFrameCount"/> frames from <paramref name="firstFrame"/> (0-based, at the source's
    /// rate) and spreads them over exactly <paramref name="outputFrameCount"/> frames at
    /// <see cref="EncodeSpec.Rate"/>: output frame j shows source position j × sourceFrameCount / outputFrameCount
    /// (e.g. 24 → 36 frames is a 66.7 % slow-down). In-between frames are made by <paramref name="mode"/>; the
    /// frames past the last source position repeat it. Audio (when the spec asks for it) is time-stretched without
    /// changing pitch (<c>atempo</c>) and cut/padded to the exact sample count.
    /// </summary>
    /// <remarks>
    /// Interpolation runs in 8-bit 4:2:x (minterpolate's formats); the result is converted back to the spec's pixel
    /// format. Recipe: <c>minterpolate</c> → <c>tpad</c> → <c>setpts=N</c> → <c>trim=end_frame</c> (minterpolate
    /// emits nothing past its last input time).
    /// </remarks>
    /// <returns>The probe of the written file.</returns>
    public static async Task<MediaInfo> RetimeAsync(
        string input,
        long firstFrame,
        long sourceFrameCount,
        long outputFrameCount,
        InterpolationMode mode,
        EncodeSpec spec,
        string output,
        IProgress<MediaProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var full = FfmpegArgs.InputPath(input, nameof(input));
        ArgumentOutOfRangeException.ThrowIfNegative(firstFrame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceFrameCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputFrameCount);
        EncodeGraph.Validate(spec, output);
        var info = await MediaProbe.ProbeAsync(full, cancellationToken).ConfigureAwait(false);
        var video = FrameExtractor.RequireVideo(info);
        if (firstFrame + sourceFrameCount > video.FrameCount)
        {
            throw new MediaException(
                MediaErrorKind.OutOfRange,
                $"Frames {firstFrame}..{firstFrame + sourceFrameCount - 1} are not all in '{full}', which has {video.FrameCount} frame(s).",
                full);
        }
        var timecode = spec.StartTimecode ?? EncodeGraph.CarryTimecode(video.StartTimecode, video.FrameRate, spec.Rate);

        using var temp = TempOutput.For(output, full);
        var chain = new List<string>
        {
            FilterText.Filter("trim", ("start_frame", Num(firstFrame)), ("end_frame", Num(firstFrame + sourceFrameCount))),
            EncodeGraph.ScaleChain(spec),
            // A few copies of the last frame let the interpolator reach the last source position.
            FilterText.Filter("tpad", ("stop_mode", "clone"), ("stop", "3")),
            SourcePositions(spec.Rate, sourceFrameCount, outputFrameCount),
            Interpolator(mode, spec.Rate, sceneDetection: true),
            EncodeGraph.ExactFrames(outputFrameCount, spec.Rate),
            FilterText.Filter("format", ("pix_fmts", EncodeGraph.PixelFormatOf(spec))),
        };
        chain.AddRange(EncodeGraph.Overlays(spec, temp));
        var graph = $"[0:{video.Index}]{string.Join(',', chain)}[v]";
        long? samples = null;
        if (spec.Audio is { } audio)
        {
            samples = audio.SampleCount ?? spec.Rate.FramesToSamples(outputFrameCount, audio.SampleRate);
            if (info.Audio.Count > 0)
            {
                var source = info.Audio[0];
                var start = video.FrameRate.FramesToSamples(firstFrame, source.SampleRate);
                var end = video.FrameRate.FramesToSamples(firstFrame + sourceFrameCount, source.SampleRate);
                // tempo = source duration / output duration.
                var tempo = (double)sourceFrameCount * video.FrameRate.Denominator * spec.Rate.Numerator
                    / ((double)outputFrameCount * video.FrameRate.Numerator * spec.Rate.Denominator);
                graph += $";[0:{source.Index}]"
                    + FilterText.Filter("atrim", ("start_sample", Num(start)), ("end_sample", Num(end))) + ",asetpts=N/SR/TB,"
                    + Tempo(tempo)
                    + EncodeGraph.AudioChain(audio.Format, samples.Value) + "[a]";
            }
            else
            {
                graph += $";{EncodeGraph.Silence(audio.Format, samples.Value)}[a]";
            }
        }
        await RunAsync(full, graph, [full], spec, temp, timecode, outputFrameCount, samples, progress, cancellationToken).ConfigureAwait(false);
        var result = await EncodeGraph.VerifyAsync(temp, outputFrameCount, EncodeGraph.HasPcmAudio(spec) ? samples : null, cancellationToken).ConfigureAwait(false);
        temp.Commit();
        return result;
    }

    /// <summary>
    /// Makes a clip of exactly <paramref name="frameCount"/> frames (at least 2) that goes from
    /// <paramref name="firstImage"/> (frame 0, exactly) to <paramref name="lastImage"/> (the last frame, exactly),
    /// with the frames between made by <paramref name="mode"/>: a cross-blend, motion-compensated in-betweens, or
    /// (<see cref="InterpolationMode.Duplicate"/>) a cut in the middle. Both stills are first fitted to the spec's
    /// size with its scale policy. Audio, when the spec asks for it, is silence of the exact length.
    /// </summary>
    /// <returns>The probe of the written file.</returns>
    public static async Task<MediaInfo> InterpolateBetweenAsync(
        string firstImage,
        string lastImage,
        long frameCount,
        InterpolationMode mode,
        EncodeSpec spec,
        string output,
        IProgress<MediaProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var first = FfmpegArgs.InputPath(firstImage, nameof(firstImage));
        var last = FfmpegArgs.InputPath(lastImage, nameof(lastImage));
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 2);
        EncodeGraph.Validate(spec, output);

        using var temp = TempOutput.For(output, first, last);
        var scale = EncodeGraph.ScaleChain(spec);
        // The last still arrives at position (frameCount - 1) (or half-way for a cut); four more copies of it let the
        // interpolator emit its own position (it needs frames after the one it is at).
        var lastPosition = mode == InterpolationMode.Duplicate ? frameCount / 2 : frameCount - 1;
        var chain = new List<string>
        {
            "concat=n=2:v=1:a=0",
            FilterText.Filter("settb", ("expr", string.Create(CultureInfo.InvariantCulture, $"{spec.Rate.Denominator}/{spec.Rate.Numerator}"))),
            $"setpts=N*{Num(lastPosition)}",
            Interpolator(mode, spec.Rate, sceneDetection: false),
            EncodeGraph.ExactFrames(frameCount, spec.Rate),
            FilterText.Filter("format", ("pix_fmts", EncodeGraph.PixelFormatOf(spec))),
        };
        chain.AddRange(EncodeGraph.Overlays(spec, temp));
        var graph = $"[0:v:0]{scale}[first];[1:v:0]{scale},loop=loop=4:size=1:start=0[last];[first][last]{string.Join(',', chain)}[v]";
        long? samples = null;
        if (spec.Audio is { } audio)
        {
            samples = audio.SampleCount ?? spec.Rate.FramesToSamples(frameCount, audio.SampleRate);
            graph += $";{EncodeGraph.Silence(audio.Format, samples.Value)}[a]";
        }
        await RunAsync(first, graph, [first, last], spec, temp, spec.StartTimecode, frameCount, samples, progress, cancellationToken).ConfigureAwait(false);
        var result = await EncodeGraph.VerifyAsync(temp, frameCount, EncodeGraph.HasPcmAudio(spec) ? samples : null, cancellationToken).ConfigureAwait(false);
        temp.Commit();
        return result;
    }

    private static async Task RunAsync(
        string subject,
        string graph,
        IReadOnlyList<string> inputs,
        EncodeSpec spec,
        TempOutput temp,
        string? timecode,
        long frames,
        long? samples,
        IProgress<MediaProgress>? progress,
        CancellationToken cancellationToken)
    {
        var args = FfmpegArgs.Start(progress: true);
        foreach (var input in inputs)
        {
            FfmpegArgs.AddInput(args, input);
        }
        args.AddRange(["-filter_complex", graph]);
        EncodeGraph.AddOutput(args, spec, samples is not null, timecode, temp.TempPath);
        await FfmpegRunner.RunAsync(
            new ToolInvocation(MediaTools.Shared.FfmpegPath, args)
            {
                Subject = subject,
                Progress = progress,
                TotalFrames = frames,
                ParseProgress = true,
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Source frame i at output position i × outputFrames / sourceFrames: time base 1/(rate × sourceFrames) with
    /// <c>setpts=N*outputFrames</c>, exact in integers while the time base fits ffmpeg's 32-bit rational.
    /// </summary>
    private static string SourcePositions(FrameRate rate, long sourceFrames, long outputFrames)
    {
        var denominator = (Int128)rate.Numerator * sourceFrames;
        var numerator = (Int128)rate.Denominator;
        var gcd = (long)Int128.Max(1, Gcd(numerator, denominator));
        if (denominator / gcd <= int.MaxValue)
        {
            return FilterText.Filter("settb", ("expr", $"{Num((long)(numerator / gcd))}/{Num((long)(denominator / gcd))}")) + $",setpts=N*{Num(outputFrames)}";
        }
        // Very long ranges: a microsecond time base (positions rounded to 1 µs).
        var microsPerPosition = (double)outputFrames * rate.Denominator * 1_000_000 / ((double)sourceFrames * rate.Numerator);
        return "settb=expr=1/1000000," + FilterText.Filter("setpts", ("expr", string.Create(CultureInfo.InvariantCulture, $"N*{microsPerPosition:R}")));
    }

    private static string Interpolator(InterpolationMode mode, FrameRate rate, bool sceneDetection) => mode switch
    {
        InterpolationMode.Blend => FilterText.Filter(
            "minterpolate", ("fps", rate.ToString()), ("mi_mode", "blend"), ("scd", sceneDetection ? "fdiff" : "none")),
        InterpolationMode.MotionCompensated => FilterText.Filter(
            "minterpolate",
            ("fps", rate.ToString()),
            ("mi_mode", "mci"),
            ("mc_mode", "aobmc"),
            ("me_mode", "bidir"),
            ("vsbmc", "1"),
            ("scd", sceneDetection ? "fdiff" : "none")),
        InterpolationMode.Duplicate => FilterText.Filter("fps", ("fps", rate.ToString())),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown interpolation mode."),
    };

    /// <summary><c>atempo</c> filters for a speed factor (each instance handles 0.5..100), ending with a comma.</summary>
    private static string Tempo(double tempo)
    {
        var parts = new List<string>();
        while (tempo < 0.5)
        {
            parts.Add("atempo=0.5");
            tempo /= 0.5;
        }
        while (tempo > 100)
        {
            parts.Add("atempo=100");
            tempo /= 100;
        }
        if (Math.Abs(tempo - 1) > 1e-9)
        {
            parts.Add(FilterText.Filter("atempo", ("tempo", tempo.ToString("R", CultureInfo.InvariantCulture))));
        }
        return parts.Count == 0 ? string.Empty : string.Join(',', parts) + ",";
    }

    private static Int128 Gcd(Int128 a, Int128 b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
