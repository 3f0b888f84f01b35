using Editing.Media;
using Editing.Media.Audio;
using Editing.Media.Probe;
using Editing.Sdk.Media;

namespace Editing.Host.Media;

public sealed partial class HostMediaServices
{
    /// <summary>
    /// Writes <paramref name="outputWav"/> (24-bit PCM at the source's sample rate and channel count) holding exactly
    /// <paramref name="frames"/> frames' worth of room tone at <paramref name="rate"/>:
    /// <c>round(frames × sampleRate × rate.Denominator / rate.Numerator)</c> samples per channel (24 frames at
    /// 24000/1001 and 48 kHz = 48048). The tone comes from the source's used range (frames counted at the file's own
    /// video rate, or at <paramref name="rate"/> for audio-only files): it starts by playing the range backwards from
    /// the sample next to the join and crossfades (30 ms, equal power) into the range's quietest second looped back and
    /// forth, so it continues the source without a click. With <paramref name="atHead"/> the same is done mirrored: the
    /// result ends on the sample before the range's first one. A used range with no audio gives silence.
    /// </summary>
    /// <exception cref="Editing.Sdk.PluginException">The source has no audio stream (<c>MEDIA.INVALID_MEDIA</c>) or cannot be read.</exception>
    public async Task ExtendAudioAsync(string sourcePath, long usedFirstFrame, long usedFrameCount, long frames, VideoRate rate,
        bool atHead, string outputWav, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputWav);
        ArgumentOutOfRangeException.ThrowIfNegative(usedFirstFrame);
        ArgumentOutOfRangeException.ThrowIfNegative(usedFrameCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        var frameRate = SpecMapping.ToFrameRate(rate);
        if (!string.Equals(Path.GetExtension(outputWav), ".wav", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"extension audio is written to a .wav file, not '{outputWav}'", nameof(outputWav));
        }

        var output = Path.GetFullPath(outputWav);
        var operation = atHead ? "making head room tone" : "making tail room tone";
        var info = await MediaErrors.GuardAsync(operation, sourcePath, () => MediaProbe.ProbeAsync(sourcePath, cancellationToken)).ConfigureAwait(false);
        if (info.Audio.Count == 0)
        {
            throw MediaErrors.Map(new MediaException(MediaErrorKind.InvalidMedia, $"'{info.Path}' has no audio stream.", info.Path), operation, sourcePath);
        }

        var audio = info.Audio[0];
        var format = new AudioFormat(audio.SampleRate, audio.Channels);
        var fileRate = info.Video is { FrameRate.IsValid: true } video ? video.FrameRate : frameRate;
        var usedStart = Math.Min(fileRate.FramesToSamples(usedFirstFrame, audio.SampleRate), audio.SampleCount);
        var usedEnd = Math.Min(fileRate.FramesToSamples(usedFirstFrame + usedFrameCount, audio.SampleRate), audio.SampleCount);
        var extra = frameRate.FramesToSamples(frames, audio.SampleRate);

        // One read, of only what the room tone looks at (the last ten seconds before the join), and the tone itself is
        // computed in memory: no work files, no further ffmpeg runs.
        var window = Math.Min(usedEnd - usedStart, (long)AudioOps.RoomToneWindowSeconds * audio.SampleRate);
        float[] tone;
        if (window <= 0)
        {
            tone = new float[checked(extra * format.Channels)];
        }
        else
        {
            var readStart = atHead ? usedStart : usedEnd - window;
            var used = await MediaErrors.GuardAsync(operation, sourcePath,
                () => AudioOps.ReadSamplesAsync(info.Path, format, readStart, window, cancellationToken)).ConfigureAwait(false);
            if (atHead)
            {
                // Mirror time: the head extension is a tail extension of the range played backwards.
                ReverseFrames(used, format.Channels);
            }

            tone = AudioOps.ContinueWithRoomTone(used, format, extra);
            if (tone.LongLength != extra * format.Channels)
            {
                throw MediaErrors.Map(
                    new MediaException(MediaErrorKind.VerificationFailed, $"the room tone for '{output}' has {tone.Length / format.Channels} samples, not {extra}.", output),
                    operation,
                    sourcePath);
            }

            if (atHead)
            {
                ReverseFrames(tone, format.Channels);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            AudioOps.WriteWave(output, tone, format);
        }
        catch (MediaException e)
        {
            throw MediaErrors.Map(e, operation, sourcePath);
        }
    }

    private static void ReverseFrames(float[] samples, int channels)
    {
        var frames = samples.Length / channels;
        for (int i = 0, j = frames - 1; i < j; i++, j--)
        {
            for (var c = 0; c < channels; c++)
            {
                (samples[(i * channels) + c], samples[(j * channels) + c]) = (samples[(j * channels) + c], samples[(i * channels) + c]);
            }
        }
    }
}
