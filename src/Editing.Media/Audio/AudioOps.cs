using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using Editing.Media.Execution;
using Editing.Media.Probe;
using Editing.Media.Transcoding;

namespace Editing.Media.Audio;

/// <summary>
/// Sample-exact audio edits: extend a track, fill a gap, crossfade two tracks, read samples, and put an audio track
/// beside a video. Every count is in samples per channel at the requested <see cref="AudioFormat"/>; outputs are
/// 24-bit PCM (<c>pcm_s24le</c>) in <c>.wav</c>, <c>.mov</c> or <c>.mkv</c>, written atomically and verified.
/// </summary>
public static class AudioOps
{
    /// <summary>How much of the source's end is searched for room tone: 10 s.</summary>
    private const int TailSeconds = 10;

    /// <summary>
    /// Seconds before the join that <see cref="ContinueWithRoomTone"/> looks at: a caller that reads the source itself
    /// needs only this much of it.
    /// </summary>
    public const int RoomToneWindowSeconds = TailSeconds;

    /// <summary>
    /// Reads the first audio stream of <paramref name="input"/> converted to <paramref name="format"/>, as
    /// interleaved 32-bit float samples (−1..1), from sample <paramref name="startSample"/> for
    /// <paramref name="sampleCount"/> samples per channel (to the end when null). Holds everything in memory
    /// (48 kHz stereo: 384 kB per second).
    /// </summary>
    public static async Task<float[]> ReadSamplesAsync(
        string input,
        AudioFormat format,
        long startSample = 0,
        long? sampleCount = null,
        CancellationToken cancellationToken = default)
    {
        var full = FfmpegArgs.InputPath(input, nameof(input));
        format.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(startSample);
        if (!AlwaysDecode.Value && ReadMoviePcm(full, format, startSample, sampleCount) is { } direct)
        {
            return direct;
        }
        var chain = new List<string>
        {
            FilterText.Filter("aresample", ("osr", Num(format.SampleRate))),
            FilterText.Filter("aformat", ("sample_fmts", "flt"), ("sample_rates", Num(format.SampleRate)), ("channel_layouts", format.ChannelLayout)),
        };
        if (startSample > 0 || sampleCount is not null)
        {
            var trim = new List<(string, string)> { ("start_sample", Num(startSample)) };
            if (sampleCount is { } count)
            {
                trim.Add(("end_sample", Num(startSample + count)));
            }
            chain.Add(FilterText.Filter("atrim", [.. trim]));
        }
        var args = FfmpegArgs.Start(progress: false);
        FfmpegArgs.AddInput(args, full);
        args.AddRange(["-map", "0:a:0", "-af", string.Join(',', chain), "-f", "f32le", "-c:a", "pcm_f32le", "pipe:1"]);
        return await ReadFloatsAsync(full, args, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Set (in the caller's async flow) to make <see cref="ReadSamplesAsync"/> always run ffmpeg (tests compare the two ways).</summary>
    internal static AsyncLocal<bool> AlwaysDecode { get; } = new();

    /// <summary>
    /// <see cref="ReadSamplesAsync"/> without ffmpeg, for the common case of a QuickTime/MP4 file whose first sound
    /// track is uncompressed PCM already in <paramref name="format"/> (same rate, same mono or stereo layout) on a
    /// plain timeline: the frames are read from their chunks and converted exactly as ffmpeg converts them to float
    /// (a 24-bit value v becomes v / 2²³, a 16-bit one v / 2¹⁵: exact in single precision). Null when the file is
    /// anything else, and ffmpeg reads it.
    /// </summary>
    private static float[]? ReadMoviePcm(string full, AudioFormat format, long startSample, long? sampleCount)
    {
        var extension = Path.GetExtension(full);
        if (!(extension.Equals(".mov", StringComparison.OrdinalIgnoreCase) || extension.Equals(".mp4", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        IReadOnlyList<MovTracks.Track>? tracks;
        try
        {
            tracks = MovTracks.Read(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (tracks?.FirstOrDefault(t => t.Handler == "soun") is not { Pcm: { } pcm } track
            || pcm.Channels != format.Channels || pcm.SampleRate != format.SampleRate || track.Timescale != pcm.SampleRate
            || pcm.Channels > 2 || !pcm.PlainTimeline || !pcm.KnownLayout || (long)track.Duration != track.SampleCount)
        {
            return null;
        }
        var total = (long)track.SampleCount;
        var first = Math.Min(startSample, total);
        var end = sampleCount is { } count ? Math.Min(total, first + count) : total;
        var frames = end - first;
        var values = new float[checked(frames * pcm.Channels)];
        if (frames == 0)
        {
            return values;
        }
        using var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var frameBytes = pcm.BytesPerFrame;
        var buffer = new byte[frameBytes * 4096];
        long frameAtChunk = 0; // index of the first frame of the current chunk
        var written = 0;
        for (var run = 0; run < pcm.FirstChunks.Length && frameAtChunk < end; run++)
        {
            var lastChunk = run + 1 < pcm.FirstChunks.Length ? pcm.FirstChunks[run + 1] - 1 : (uint)pcm.ChunkOffsets.Length;
            var perChunk = pcm.FramesPerChunk[run];
            for (var chunk = pcm.FirstChunks[run]; chunk <= lastChunk && frameAtChunk < end; chunk++)
            {
                if (chunk < 1 || chunk > pcm.ChunkOffsets.Length)
                {
                    return null;
                }
                var from = Math.Max(first, frameAtChunk);
                var to = Math.Min(end, frameAtChunk + perChunk);
                for (var at = from; at < to;)
                {
                    var take = (int)Math.Min(to - at, buffer.Length / frameBytes);
                    file.Position = pcm.ChunkOffsets[chunk - 1] + ((at - frameAtChunk) * frameBytes);
                    var bytes = buffer.AsSpan(0, take * frameBytes);
                    if (file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
                    {
                        return null;
                    }
                    written += Convert(bytes, values.AsSpan(written), pcm);
                    at += take;
                }
                frameAtChunk += perChunk;
            }
        }
        return written == values.Length ? values : null;
    }

    /// <summary>Converts packed PCM values to float as ffmpeg does; returns how many were written.</summary>
    private static int Convert(ReadOnlySpan<byte> bytes, Span<float> output, MovTracks.PcmLayout pcm)
    {
        var n = bytes.Length / pcm.BytesPerValue;
        for (var i = 0; i < n; i++)
        {
            var v = bytes.Slice(i * pcm.BytesPerValue, pcm.BytesPerValue);
            output[i] = (pcm.BytesPerValue, pcm.Float, pcm.LittleEndian) switch
            {
                (2, false, true) => BinaryPrimitives.ReadInt16LittleEndian(v) / 32768f,
                (2, false, false) => BinaryPrimitives.ReadInt16BigEndian(v) / 32768f,
                (3, false, true) => ((v[2] << 24) | (v[1] << 16) | (v[0] << 8)) / 2147483648f,
                (3, false, false) => ((v[0] << 24) | (v[1] << 16) | (v[2] << 8)) / 2147483648f,
                (4, false, true) => BinaryPrimitives.ReadInt32LittleEndian(v) / 2147483648f,
                (4, false, false) => BinaryPrimitives.ReadInt32BigEndian(v) / 2147483648f,
                (4, true, true) => BinaryPrimitives.ReadSingleLittleEndian(v),
                (4, true, false) => BinaryPrimitives.ReadSingleBigEndian(v),
                (8, true, true) => (float)BinaryPrimitives.ReadDoubleLittleEndian(v),
                _ => (float)BinaryPrimitives.ReadDoubleBigEndian(v),
            };
        }
        return n;
    }

    /// <summary>
    /// Writes the first audio stream of <paramref name="input"/> (converted to <paramref name="format"/>) followed by
    /// exactly <paramref name="extraSamples"/> more samples of <paramref name="fill"/>: the output has
    /// round(source samples × rate / source rate) + extraSamples samples per channel. Room tone starts from the
    /// source's last sample (the source played backwards) and crossfades in 30 ms into its quietest second looped
    /// back and forth, so the join does not click.
    /// </summary>
    /// <returns>The probe of the written file.</returns>
    public static async Task<MediaInfo> ExtendAsync(
        string input,
        long extraSamples,
        AudioFill fill,
        AudioFormat format,
        string output,
        CancellationToken cancellationToken = default)
    {
        var full = FfmpegArgs.InputPath(input, nameof(input));
        ArgumentOutOfRangeException.ThrowIfNegative(extraSamples);
        format.Validate();
        RequirePcmContainer(output);
        var source = await FirstAudioAsync(full, cancellationToken).ConfigureAwait(false);
        var sourceSamples = Converted(source, format.SampleRate);
        var total = sourceSamples + extraSamples;

        using var temp = TempOutput.For(output, full);
        var args = FfmpegArgs.Start(progress: false);
        FfmpegArgs.AddInput(args, full);
        string graph;
        if (fill == AudioFill.Silence || extraSamples == 0)
        {
            graph = $"[0:{source.Index}]{EncodeGraph.AudioChain(format, total)}[a]";
        }
        else
        {
            var tail = await ReadTailAsync(full, format, cancellationToken).ConfigureAwait(false);
            var extension = RoomTone.Continue(tail, format.Channels, extraSamples, format.SampleRate);
            var raw = temp.Scratch(".roomtone.f32");
            await WriteFloatsAsync(raw, extension, cancellationToken).ConfigureAwait(false);
            AddRawInput(args, raw, format);
            graph = $"[0:{source.Index}]{EncodeGraph.AudioChain(format, sourceSamples)}[s];"
                + $"[1:a]{EncodeGraph.AudioChain(format, extraSamples)}[e];"
                + $"[s][e]concat=n=2:v=0:a=1,{EncodeGraph.ExactSamples(total)}[a]";
        }
        return await EncodeAudioAsync(full, args, graph, temp, total, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The room tone <see cref="ExtendAsync"/> appends, computed in memory (no ffmpeg): exactly
    /// <paramref name="samples"/> samples per channel that continue <paramref name="source"/> (interleaved floats in
    /// <paramref name="format"/>, ending where the extension starts). It starts from the source's last sample played
    /// backwards and crossfades in 30 ms into the quietest second of the source's last ten seconds, looped back and
    /// forth. Silence when the source is empty. For a head extension, pass the source reversed and reverse the result.
    /// </summary>
    public static float[] ContinueWithRoomTone(float[] source, AudioFormat format, long samples)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        format.Validate();
        var usable = source.Length / format.Channels * format.Channels;
        var keep = (int)Math.Min(usable, (long)TailSeconds * format.SampleRate * format.Channels);
        var tail = keep == source.Length ? source : source[(usable - keep)..usable];
        return RoomTone.Continue(tail, format.Channels, samples, format.SampleRate);
    }

    /// <summary>
    /// Writes <paramref name="samples"/> (interleaved floats in <paramref name="format"/>, −1..1, clamped and rounded
    /// to the nearest step) as a 24-bit PCM <c>.wav</c> file, atomically, without running ffmpeg. The file's probe is
    /// known from what was written, so the next operation reading it does not run ffprobe either.
    /// </summary>
    /// <returns>The probe of the written file, as ffprobe reports it.</returns>
    /// <exception cref="MediaException"><see cref="MediaErrorKind.OutputFailed"/> when the file cannot be written.</exception>
    public static MediaInfo WriteWave(string output, ReadOnlySpan<float> samples, AudioFormat format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        format.Validate();
        if (!string.Equals(Path.GetExtension(output), ".wav", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"WriteWave writes a .wav file, not '{output}'.", nameof(output));
        }
        if (samples.Length % format.Channels != 0)
        {
            throw new ArgumentException($"{samples.Length} samples do not divide into {format.Channels} channels.", nameof(samples));
        }
        using var temp = TempOutput.For(output);
        try
        {
            WaveFile.WritePcm24(temp.TempPath, samples, format.SampleRate, format.Channels);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MediaException(MediaErrorKind.OutputFailed, $"Could not write '{temp.FinalPath}': {e.Message}", temp.FinalPath, inner: e);
        }
        var count = samples.Length / format.Channels;
        var info = new MediaInfo
        {
            Path = temp.FinalPath,
            FormatName = "wav",
            DurationMicroseconds = (long)Math.Round(count * 1_000_000.0 / format.SampleRate, MidpointRounding.AwayFromZero),
            Audio =
            [
                new AudioStreamInfo
                {
                    Index = 0,
                    Codec = "pcm_s24le",
                    SampleRate = format.SampleRate,
                    Channels = format.Channels,
                    // A plain PCM header carries no channel mask, so ffprobe names no layout.
                    ChannelLayout = null,
                    SampleCount = count,
                    BitsPerSample = 24,
                },
            ],
        };
        temp.Remember(info);
        temp.Commit();
        return info;
    }

    /// <summary>
    /// Writes exactly <paramref name="sampleCount"/> samples per channel of silence, or of room tone taken from
    /// <paramref name="roomToneSource"/> (its quietest second among its last ten, looped back and forth).
    /// </summary>
    /// <returns>The probe of the written file.</returns>
    public static async Task<MediaInfo> FillGapAsync(
        long sampleCount,
        AudioFormat format,
        string output,
        string? roomToneSource = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCount);
        format.Validate();
        RequirePcmContainer(output);
        var source = roomToneSource is null ? null : FfmpegArgs.InputPath(roomToneSource, nameof(roomToneSource));
        using var temp = source is null ? TempOutput.For(output) : TempOutput.For(output, source);
        var args = FfmpegArgs.Start(progress: false);
        string graph;
        if (source is null)
        {
            graph = $"{EncodeGraph.Silence(format, sampleCount)},{EncodeGraph.ExactSamples(sampleCount)}[a]";
        }
        else
        {
            await FirstAudioAsync(source, cancellationToken).ConfigureAwait(false);
            var tail = await ReadTailAsync(source, format, cancellationToken).ConfigureAwait(false);
            var tone = RoomTone.Loop(tail, format.Channels, sampleCount, format.SampleRate);
            var raw = temp.Scratch(".roomtone.f32");
            await WriteFloatsAsync(raw, tone, cancellationToken).ConfigureAwait(false);
            AddRawInput(args, raw, format);
            graph = $"[0:a]{EncodeGraph.AudioChain(format, sampleCount)}[a]";
        }
        return await EncodeAudioAsync(source ?? temp.FinalPath, args, graph, temp, sampleCount, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Joins <paramref name="first"/> and <paramref name="second"/> (first audio streams, converted to
    /// <paramref name="format"/>) overlapping by exactly <paramref name="overlapSamples"/>: the end of the first fades
    /// out while the start of the second fades in (<c>acrossfade</c>, triangular curves). The output has
    /// samples(first) + samples(second) − overlapSamples samples per channel.
    /// </summary>
    /// <returns>The probe of the written file.</returns>
    public static async Task<MediaInfo> CrossfadeAsync(
        string first,
        string second,
        long overlapSamples,
        AudioFormat format,
        string output,
        CancellationToken cancellationToken = default)
    {
        var a = FfmpegArgs.InputPath(first, nameof(first));
        var b = FfmpegArgs.InputPath(second, nameof(second));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(overlapSamples);
        format.Validate();
        RequirePcmContainer(output);
        var streamA = await FirstAudioAsync(a, cancellationToken).ConfigureAwait(false);
        var streamB = await FirstAudioAsync(b, cancellationToken).ConfigureAwait(false);
        var samplesA = Converted(streamA, format.SampleRate);
        var samplesB = Converted(streamB, format.SampleRate);
        if (overlapSamples > Math.Min(samplesA, samplesB))
        {
            throw new MediaException(
                MediaErrorKind.OutOfRange,
                $"A crossfade of {overlapSamples} samples is longer than '{a}' ({samplesA}) or '{b}' ({samplesB}).",
                overlapSamples > samplesA ? a : b);
        }
        var total = samplesA + samplesB - overlapSamples;
        using var temp = TempOutput.For(output, a, b);
        var args = FfmpegArgs.Start(progress: false);
        FfmpegArgs.AddInput(args, a);
        FfmpegArgs.AddInput(args, b);
        var graph = $"[0:{streamA.Index}]{EncodeGraph.AudioChain(format, samplesA)}[x];"
            + $"[1:{streamB.Index}]{EncodeGraph.AudioChain(format, samplesB)}[y];"
            + $"[x][y]{FilterText.Filter("acrossfade", ("ns", Num(overlapSamples)), ("c1", "tri"), ("c2", "tri"))},{EncodeGraph.ExactSamples(total)}[a]";
        return await EncodeAudioAsync(a, args, graph, temp, total, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <paramref name="video"/>'s video stream unchanged (stream copy, timecode kept) with the first audio
    /// stream of <paramref name="audio"/> converted to <paramref name="format"/> and cut or padded with silence to the
    /// video's exact length (<see cref="FrameRate.FramesToSamples"/> of its frame count). PCM in <c>.mov</c>/<c>.mkv</c>;
    /// AAC in <c>.mp4</c>. The output must have the video's extension.
    /// </summary>
    /// <returns>The probe of the written file.</returns>
    public static Task<MediaInfo> MuxAsync(
        string video,
        string audio,
        AudioFormat format,
        string output,
        CancellationToken cancellationToken = default) =>
        MuxAsync(video, audio, format, output, startTimecode: null, cancellationToken);

    /// <summary>
    /// As <see cref="MuxAsync(string, string, AudioFormat, string, CancellationToken)"/>, stamping
    /// <paramref name="startTimecode"/> (<c>HH:MM:SS:FF</c>, <c>;</c> for drop-frame, valid at the video's rate)
    /// instead of the video's own timecode when it is not null: a writer's output and its audio become a finished
    /// clip in one copy pass.
    /// </summary>
    /// <returns>The probe of the written file.</returns>
    /// <exception cref="ArgumentException">The timecode is not valid at the video's rate.</exception>
    public static async Task<MediaInfo> MuxAsync(
        string video,
        string audio,
        AudioFormat format,
        string output,
        string? startTimecode,
        CancellationToken cancellationToken = default) =>
        (await MuxCoreAsync(video, audio, format, output, startTimecode, probeResult: true, cancellationToken).ConfigureAwait(false))!;

    /// <summary>
    /// As <see cref="MuxAsync(string, string, AudioFormat, string, string?, CancellationToken)"/> into a <c>.mov</c>
    /// or <c>.mp4</c>, but the result is checked by reading the written file's track tables (every video sample a
    /// frame, the audio track's duration in samples) instead of running ffprobe on it: one process less per clip, for
    /// callers that need the file, not its probe. Other containers are probed as usual.
    /// </summary>
    /// <exception cref="MediaException"><see cref="MediaErrorKind.VerificationFailed"/> when the counts differ.</exception>
    public static Task MuxAndVerifyAsync(
        string video,
        string audio,
        AudioFormat format,
        string output,
        string? startTimecode,
        CancellationToken cancellationToken = default) =>
        MuxCoreAsync(video, audio, format, output, startTimecode, probeResult: false, cancellationToken);

    private static async Task<MediaInfo?> MuxCoreAsync(
        string video,
        string audio,
        AudioFormat format,
        string output,
        string? startTimecode,
        bool probeResult,
        CancellationToken cancellationToken)
    {
        var v = FfmpegArgs.InputPath(video, nameof(video));
        var a = FfmpegArgs.InputPath(audio, nameof(audio));
        format.Validate();
        if (!string.Equals(Path.GetExtension(v), Path.GetExtension(output), StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The output '{output}' must have the video's extension ({Path.GetExtension(v)}).", nameof(output));
        }
        // A video this process wrote and checked is known without a probe (its stream 0 is the video).
        var stream = !probeResult && WrittenVideos.Find(v) is { } written
            ? (Index: 0, FrameRate: written.Spec.Rate, written.FrameCount, written.Spec.StartTimecode)
            : FromProbe(Frames.FrameExtractor.RequireVideo(await MediaProbe.ProbeAsync(v, cancellationToken).ConfigureAwait(false)));
        if (startTimecode is not null && (!stream.FrameRate.IsValid || EncodeGraph.TimecodeProblem(startTimecode, stream.FrameRate) is not null))
        {
            throw new ArgumentException(
                EncodeGraph.TimecodeProblem(startTimecode, stream.FrameRate.IsValid ? stream.FrameRate : FrameRate.Fps24) ?? $"'{v}' has no frame rate for the timecode '{startTimecode}'.",
                nameof(startTimecode));
        }
        var audioStream = await FirstAudioAsync(a, cancellationToken).ConfigureAwait(false);
        var samples = stream.FrameRate.FramesToSamples(stream.FrameCount, format.SampleRate);
        var pcm = !string.Equals(Path.GetExtension(v), ".mp4", StringComparison.OrdinalIgnoreCase);

        using var temp = TempOutput.For(output, v, a);
        var args = FfmpegArgs.Start(progress: false);
        FfmpegArgs.AddInput(args, v);
        FfmpegArgs.AddInput(args, a);
        args.AddRange([
            "-filter_complex", $"[1:{audioStream.Index}]{EncodeGraph.AudioChain(format, samples)}[a]",
            "-map", $"0:{stream.Index}", "-map", "[a]", "-c:v", "copy",
        ]);
        args.AddRange(pcm ? ["-c:a", "pcm_s24le"] : ["-c:a", "aac", "-b:a", "256k"]);
        FfmpegArgs.AddBitexact(args);
        if ((startTimecode ?? stream.StartTimecode) is { } timecode)
        {
            args.AddRange(["-timecode", timecode]);
        }
        args.Add(temp.TempPath);
        await FfmpegRunner.RunAsync(new ToolInvocation(MediaTools.Shared.FfmpegPath, args) { Subject = v }, cancellationToken).ConfigureAwait(false);
        if (!probeResult && EncodeGraph.VerifyTracks(temp, stream.FrameCount, pcm ? samples : null, format.SampleRate))
        {
            temp.Commit();
            return null;
        }
        var result = await EncodeGraph.VerifyAsync(temp, stream.FrameCount, pcm ? samples : null, cancellationToken).ConfigureAwait(false);
        temp.Commit();
        return result;
    }

    private static (int Index, FrameRate FrameRate, long FrameCount, string? StartTimecode) FromProbe(VideoStreamInfo video) =>
        (video.Index, video.FrameRate, video.FrameCount, video.StartTimecode);

    private static async Task<MediaInfo> EncodeAudioAsync(string subject, List<string> args, string graph, TempOutput temp, long samples, CancellationToken cancellationToken)
    {
        args.AddRange(["-filter_complex", graph, "-map", "[a]", "-c:a", "pcm_s24le"]);
        FfmpegArgs.AddBitexact(args);
        args.Add(temp.TempPath);
        await FfmpegRunner.RunAsync(new ToolInvocation(MediaTools.Shared.FfmpegPath, args) { Subject = subject }, cancellationToken).ConfigureAwait(false);
        var info = await temp.ProbeAsync(cancellationToken).ConfigureAwait(false);
        var actual = info.Audio.Count > 0 ? info.Audio[0].SampleCount : -1;
        if (actual != samples)
        {
            throw new MediaException(
                MediaErrorKind.VerificationFailed,
                $"'{temp.FinalPath}' came out with {actual} audio sample(s), not the {samples} asked for.",
                temp.FinalPath);
        }
        temp.Commit();
        return info with { Path = temp.FinalPath };
    }

    private static async Task<AudioStreamInfo> FirstAudioAsync(string full, CancellationToken cancellationToken)
    {
        var info = await MediaProbe.ProbeAsync(full, cancellationToken).ConfigureAwait(false);
        return info.Audio.Count > 0
            ? info.Audio[0]
            : throw new MediaException(MediaErrorKind.InvalidMedia, $"'{full}' has no audio stream.", full);
    }

    /// <summary>The last <see cref="TailSeconds"/> seconds (or all) of the source, as interleaved floats.</summary>
    private static async Task<float[]> ReadTailAsync(string full, AudioFormat format, CancellationToken cancellationToken)
    {
        var args = FfmpegArgs.Start(progress: false);
        args.AddRange(["-sseof", "-" + Num(TailSeconds)]);
        FfmpegArgs.AddInput(args, full);
        var chain = string.Join(',',
            FilterText.Filter("aresample", ("osr", Num(format.SampleRate))),
            FilterText.Filter("aformat", ("sample_fmts", "flt"), ("sample_rates", Num(format.SampleRate)), ("channel_layouts", format.ChannelLayout)));
        args.AddRange(["-map", "0:a:0", "-af", chain, "-f", "f32le", "-c:a", "pcm_f32le", "pipe:1"]);
        return await ReadFloatsAsync(full, args, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<float[]> ReadFloatsAsync(string subject, List<string> args, CancellationToken cancellationToken)
    {
        await using var process = FfmpegProcess.Start(
            new ToolInvocation(MediaTools.Shared.FfmpegPath, args) { Subject = subject, StreamStdout = true },
            cancellationToken);
        using var buffer = new MemoryStream();
        try
        {
            await process.StandardOutput.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }
        await process.WaitForSuccessAsync().ConfigureAwait(false);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        return MemoryMarshal.Cast<byte, float>(bytes[..(bytes.Length - (bytes.Length % 4))]).ToArray();
    }

    private static async Task WriteFloatsAsync(string path, float[] samples, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await stream.WriteAsync(MemoryMarshal.AsBytes(samples.AsSpan()).ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private static void AddRawInput(List<string> args, string path, AudioFormat format)
    {
        args.AddRange(["-f", "f32le", "-ar", Num(format.SampleRate), "-ac", Num(format.Channels), "-i", path]);
    }

    /// <summary>Samples per channel after resampling to <paramref name="sampleRate"/>, rounded to nearest (halves up).</summary>
    private static long Converted(AudioStreamInfo stream, int sampleRate)
    {
        if (stream.SampleRate == sampleRate || stream.SampleRate <= 0)
        {
            return stream.SampleCount;
        }
        var scaled = (Int128)stream.SampleCount * sampleRate;
        var (q, r) = Int128.DivRem(scaled, stream.SampleRate);
        return (long)(r * 2 >= stream.SampleRate ? q + 1 : q);
    }

    private static void RequirePcmContainer(string output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        var extension = Path.GetExtension(output).ToLowerInvariant();
        if (extension is not (".wav" or ".mov" or ".mkv"))
        {
            throw new ArgumentException($"Audio is written as 24-bit PCM to .wav, .mov or .mkv, not '{extension}' ({output}).", nameof(output));
        }
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
