using System.Globalization;
using Editing.Media.Execution;
using Editing.Media.Frames;
using Editing.Media.Probe;

namespace Editing.Media.Transcoding;

/// <summary>
/// Encodes frames made in memory (a previs generator, a compositor) into a video file: ffmpeg reads
/// <c>-f rawvideo</c> from stdin at the spec's rate, fits each frame to the spec's size, draws the overlays and
/// encodes. Frames that already have the spec's size are converted to its YUV format here (BT.709, limited range,
/// on a worker thread, see <see cref="YuvConverter"/>) and ffmpeg only tags and encodes them. Frames go to a temp file
/// that <see cref="CompleteAsync"/> verifies and moves into place; disposing an unfinished writer kills ffmpeg and
/// deletes the temp file.
/// </summary>
/// <remarks>
/// A hold (every frame identical: a still previs extension, a rendered freeze frame) in an intra-only codec (ProRes,
/// DNxHR, FFV1) without overlays is encoded once: the one encoded frame is then repeated by stream copy
/// (<c>-stream_loop</c>), which gives the same bytes as encoding it every time, at a fraction of the cost. So ffmpeg
/// starts at the first frame that differs from the first one, or at <see cref="CompleteAsync"/>.
/// </remarks>
/// <example>
/// <code>
/// await using var writer = RawVideoWriter.Create("shot.mov", spec, new FrameSize(1920, 1080), RawPixelFormat.Rgb48);
/// foreach (var frame in frames) await writer.WriteFrameAsync(frame, ct);
/// var info = await writer.CompleteAsync(ct);
/// </code>
/// </example>
public sealed class RawVideoWriter : IAsyncDisposable
{
    private readonly TempOutput _temp;
    private readonly CancellationTokenSource _lifetime;
    private readonly YuvConverter? _converter;
    private readonly Func<string, ToolInvocation> _encode;
    private readonly string? _encoderTag;
    private readonly EncodeSpec _spec;
    private byte[]? _converted;
    private FfmpegProcess? _process;

    /// <summary>While every frame so far is the same: that frame's bytes as ffmpeg takes them (null once streaming).</summary>
    private byte[]? _held;

    /// <summary>The held frame as it was given (before conversion), so repeats are recognised without converting them.</summary>
    private byte[]? _heldInput;
    private bool _completed;
    private bool _disposed;
    private bool _broken;

    private RawVideoWriter(TempOutput temp, EncodeSpec spec, FrameSize inputSize, RawPixelFormat inputFormat, CancellationTokenSource lifetime,
        YuvConverter? converter, Func<string, ToolInvocation> encode, string? encoderTag)
    {
        _converter = converter;
        _converted = converter is null ? null : new byte[converter.OutputBytes];
        _temp = temp;
        _spec = spec;
        InputSize = inputSize;
        InputFormat = inputFormat;
        _lifetime = lifetime;
        _encode = encode;
        _encoderTag = encoderTag;
    }

    /// <summary>Whether a hold may be encoded once and repeated (tests turn it off to compare the two ways).</summary>
    internal bool EncodeHoldsOnce { get; set; } = true;

    /// <summary>The size every written frame must have.</summary>
    public FrameSize InputSize { get; }

    /// <summary>The pixel layout every written frame must have.</summary>
    public RawPixelFormat InputFormat { get; }

    /// <summary>Frames written so far (a held run reaches ffmpeg later, see the remarks).</summary>
    public long FramesWritten { get; private set; }

    /// <summary>The final output path (full).</summary>
    public string OutputPath => _temp.FinalPath;

    /// <summary>
    /// Starts ffmpeg for an output at <paramref name="outputPath"/>. Frames of <paramref name="inputSize"/> in
    /// <paramref name="inputFormat"/> are read at <see cref="EncodeSpec.Rate"/> and fitted to the spec's size with
    /// its scale policy. The writer writes video only (<see cref="EncodeSpec.Audio"/> must be null; add audio with
    /// <see cref="Audio.AudioOps.MuxAsync(string, string, Audio.AudioFormat, string, string?, CancellationToken)"/>). The timecode is <see cref="EncodeSpec.StartTimecode"/>, if any.
    /// </summary>
    /// <param name="outputPath">The final file (.mov/.mp4/.mkv as the codec requires).</param>
    /// <param name="spec">Rate, size, codec, timecode and overlays of the output.</param>
    /// <param name="inputSize">The size of the frames that will be written.</param>
    /// <param name="inputFormat">The pixel layout of the frames that will be written.</param>
    /// <param name="progress">Receives encode progress (no total: the frame count is not known in advance).</param>
    /// <param name="cancellationToken">Cancels the whole writer: ffmpeg is killed and the temp file deleted on dispose.</param>
    public static RawVideoWriter Create(
        string outputPath,
        EncodeSpec spec,
        FrameSize inputSize,
        RawPixelFormat inputFormat,
        IProgress<MediaProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        EncodeGraph.Validate(spec, outputPath);
        if (spec.Audio is not null)
        {
            throw new ArgumentException("RawVideoWriter writes video only: leave EncodeSpec.Audio null and add audio with AudioOps.MuxAsync.", nameof(spec));
        }
        if (!inputSize.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "The frame size must be positive.");
        }
        var temp = TempOutput.For(outputPath);
        try
        {
            // Frames of the output's size are converted to its YUV format here; others are scaled by ffmpeg.
            var converter = inputSize == new FrameSize(spec.Width, spec.Height)
                ? YuvConverter.For(EncodeGraph.PixelFormatOf(spec), inputSize, inputFormat)
                : null;
            var chain = new List<string> { converter is null ? EncodeGraph.ScaleChain(spec) : EncodeGraph.TagChain(spec) };
            chain.AddRange(EncodeGraph.Overlays(spec, temp));
            var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ToolInvocation Encode(string output)
            {
                var args = FfmpegArgs.Start(progress: true);
                args.AddRange([
                    "-f", "rawvideo",
                    "-pix_fmt", converter?.PixelFormat ?? RawFrame.FfmpegName(inputFormat),
                    "-s", inputSize.ToString(),
                    "-r", spec.Rate.ToString(),
                    "-i", "pipe:0",
                    "-filter_complex", $"[0:v]{string.Join(',', chain)}[v]",
                ]);
                EncodeGraph.AddOutput(args, spec, withAudio: false, spec.StartTimecode, output);
                return new ToolInvocation(MediaTools.Shared.FfmpegPath, args)
                {
                    Subject = temp.FinalPath,
                    Progress = progress,
                    ParseProgress = true,
                    WriteStdin = true,
                };
            }
            // Overlays (a burnt-in timecode above all) make identical input frames differ, and long-GOP codecs cannot
            // repeat a packet: those always stream.
            var encoderTag = chain.Count == 1 ? IntraEncoderTag(spec.Codec) : null;
            return new RawVideoWriter(temp, spec, inputSize, inputFormat, lifetime, converter, Encode, encoderTag);
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The stream tag ffmpeg writes for a bit-exact encode with an intra-only codec (<c>Lavc</c> and the encoder's
    /// name), set again on the stream copy of a hold so both ways give the same bytes; null for other codecs.
    /// </summary>
    private static string? IntraEncoderTag(CodecProfile codec) => codec switch
    {
        CodecProfile.ProRes422HQ or CodecProfile.ProRes422 or CodecProfile.ProRes422LT or CodecProfile.ProRes422Proxy => "Lavc prores_ks",
        CodecProfile.DnxhrHQ or CodecProfile.DnxhrSQ => "Lavc dnxhd",
        CodecProfile.Ffv1 => "Lavc ffv1",
        _ => null,
    };

    /// <summary>Hands one frame to ffmpeg; it must have <see cref="InputSize"/> and <see cref="InputFormat"/>.</summary>
    /// <exception cref="MediaException">ffmpeg stopped (its error text is in the message).</exception>
    public async Task WriteFrameAsync(RawFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ThrowIfFinished();
        if (frame.Width != InputSize.Width || frame.Height != InputSize.Height || frame.Format != InputFormat)
        {
            throw new ArgumentException(
                $"The frame is {frame.Width}x{frame.Height} {frame.Format}; this writer takes {InputSize} {InputFormat}.",
                nameof(frame));
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        var holding = _process is null && _encoderTag is not null && EncodeHoldsOnce;
        if (holding && _heldInput is not null && frame.Pixels.AsSpan().SequenceEqual(_heldInput))
        {
            // The held frame again, as given: nothing to convert.
            FramesWritten++;
            return;
        }
        var bytes = frame.Pixels;
        if (_converter is not null)
        {
            // On a worker thread: the caller makes its next frame meanwhile.
            var converted = _converted!;
            await Task.Run(() => _converter.Convert(frame.Pixels, converted), linked.Token).ConfigureAwait(false);
            bytes = converted;
        }
        if (holding)
        {
            if (_held is null)
            {
                // The first frame: kept (the converter's buffer is kept as is and a new one made for the next frame).
                _held = _converter is not null ? bytes : bytes.ToArray();
                _heldInput = _converter is not null ? frame.Pixels.ToArray() : _held;
                _converted = _converter is not null ? new byte[_converter.OutputBytes] : null;
                FramesWritten++;
                return;
            }
            if (bytes.AsSpan().SequenceEqual(_held))
            {
                FramesWritten++;
                return;
            }
        }
        try
        {
            if (_process is null)
            {
                // The first frame that differs (or holds are not encoded once): ffmpeg starts and gets the held run.
                _process = FfmpegProcess.Start(_encode(_temp.TempPath), _lifetime.Token);
                for (var i = 0; i < FramesWritten; i++)
                {
                    await _process.StandardInput.WriteAsync(_held, linked.Token).ConfigureAwait(false);
                }
                _held = null;
                _heldInput = null;
            }
            await _process.StandardInput.WriteAsync(bytes, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A cancelled write leaves a partial frame in the pipe: the output cannot be finished any more.
            _broken = true;
            _process?.Kill();
            throw;
        }
        catch (IOException ex)
        {
            // ffmpeg closed its end: it failed; report its own words.
            _broken = true;
            await FailAsync(ex).ConfigureAwait(false);
            throw;
        }
        FramesWritten++;
    }

    /// <summary>
    /// Ends the input, waits for ffmpeg, checks that the file holds exactly <see cref="FramesWritten"/> frames and
    /// moves it to <see cref="OutputPath"/>.
    /// </summary>
    /// <returns>The probe of the written file.</returns>
    public async Task<MediaInfo> CompleteAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfFinished();
        if (FramesWritten == 0)
        {
            throw new InvalidOperationException($"No frame was written to '{OutputPath}'.");
        }
        using var registration = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _lifetime);
        await FinishEncodeAsync(cancellationToken).ConfigureAwait(false);
        var info = await EncodeGraph.VerifyAsync(_temp, FramesWritten, pcmSamples: null, cancellationToken).ConfigureAwait(false);
        _temp.Commit();
        _completed = true;
        WrittenVideos.Remember(_temp.FinalPath, new WrittenVideos.Facts(_spec, FramesWritten));
        return info;
    }

    /// <summary>
    /// As <see cref="CompleteAsync"/>, but the frame count is checked from the file's track tables instead of an
    /// ffprobe run (which it falls back to for a file it cannot read), and no probe is returned: for callers that
    /// need the file, not its description. What the file is stays known to <see cref="Conformer.IsConformedAsync"/>
    /// and <see cref="Audio.AudioOps.MuxAndVerifyAsync"/>, which then do not probe it either.
    /// </summary>
    public async Task CompleteAndVerifyAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfFinished();
        if (FramesWritten == 0)
        {
            throw new InvalidOperationException($"No frame was written to '{OutputPath}'.");
        }
        using var registration = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _lifetime);
        await FinishEncodeAsync(cancellationToken).ConfigureAwait(false);
        if (!EncodeGraph.VerifyTracks(_temp, FramesWritten, pcmSamples: null, sampleRate: 0))
        {
            await EncodeGraph.VerifyAsync(_temp, FramesWritten, pcmSamples: null, cancellationToken).ConfigureAwait(false);
        }
        _temp.Commit();
        _completed = true;
        WrittenVideos.Remember(_temp.FinalPath, new WrittenVideos.Facts(_spec, FramesWritten));
    }

    /// <summary>Ends the input and waits for ffmpeg: the held run encoded once, or the stream closed.</summary>
    private async Task FinishEncodeAsync(CancellationToken cancellationToken)
    {
        if (_process is null && FramesWritten > 1)
        {
            await EncodeHoldAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        if (_process is null)
        {
            // A single frame: encoded as any other.
            _process = FfmpegProcess.Start(_encode(_temp.TempPath), _lifetime.Token);
            await _process.StandardInput.WriteAsync(_held, cancellationToken).ConfigureAwait(false);
            _held = null;
        }
        await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        _process.CloseStdin();
        await _process.WaitForSuccessAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Every frame was the held one: it is encoded once into a scratch file, which is then played
    /// <see cref="FramesWritten"/> times into the output by stream copy, with the encode's own timecode and stream tag.
    /// </summary>
    private async Task EncodeHoldAsync(CancellationToken cancellationToken)
    {
        var single = _temp.Scratch(Path.GetExtension(_temp.FinalPath));
        _process = FfmpegProcess.Start(_encode(single), _lifetime.Token);
        await _process.StandardInput.WriteAsync(_held, cancellationToken).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        _process.CloseStdin();
        await _process.WaitForSuccessAsync().ConfigureAwait(false);
        _held = null;

        var args = FfmpegArgs.Start(progress: false);
        args.AddRange(["-stream_loop", (FramesWritten - 1).ToString(CultureInfo.InvariantCulture)]);
        FfmpegArgs.AddInput(args, single);
        args.AddRange(["-metadata:s:v:0", "encoder=" + _encoderTag]);
        EncodeGraph.AddCopyOutput(args, "0:v:0", withAudio: false, _spec.StartTimecode, _temp.TempPath);
        await FfmpegRunner.RunAsync(new ToolInvocation(MediaTools.Shared.FfmpegPath, args) { Subject = _temp.FinalPath }, _lifetime.Token)
            .ConfigureAwait(false);
    }

    /// <summary>Kills ffmpeg and deletes the temp file unless <see cref="CompleteAsync"/> succeeded.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_process is not null)
        {
            if (!_completed)
            {
                _process.Kill();
            }
            await _process.DisposeAsync().ConfigureAwait(false);
        }
        _temp.Dispose();
        _lifetime.Dispose();
    }

    private async Task FailAsync(Exception writeError)
    {
        var process = _process!;
        try
        {
            await process.WaitForSuccessAsync().ConfigureAwait(false);
        }
        catch (MediaException)
        {
            throw;
        }
        throw new MediaException(
            MediaErrorKind.ProcessFailed,
            $"ffmpeg stopped reading frames for '{OutputPath}' after {FramesWritten.ToString(CultureInfo.InvariantCulture)} frame(s): {writeError.Message}",
            OutputPath,
            process.StderrTail,
            process.CommandLine,
            inner: writeError);
    }

    private void ThrowIfFinished()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException($"The writer for '{OutputPath}' is already complete.");
        }
        if (_broken)
        {
            throw new InvalidOperationException($"The writer for '{OutputPath}' failed or was cancelled; dispose it.");
        }
    }
}
