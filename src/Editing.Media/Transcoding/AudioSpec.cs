using Editing.Media.Audio;

namespace Editing.Media.Transcoding;

/// <summary>
/// The audio track an encode writes: resampled to <see cref="SampleRate"/>, mixed to <see cref="Channels"/>, cut or
/// padded with silence to an exact sample count, stored as 24-bit PCM (<c>pcm_s24le</c>) — except in <c>.mp4</c>,
/// which cannot hold PCM and gets AAC (not sample-exact: AAC adds encoder priming).
/// </summary>
public sealed record AudioSpec
{
    /// <summary>Samples per second per channel (Hz); default 48000.</summary>
    public int SampleRate { get; init; } = 48000;

    /// <summary>Channel count (1 mono, 2 stereo, 6 for 5.1…); default 2.</summary>
    public int Channels { get; init; } = 2;

    /// <summary>
    /// The exact length in samples per channel; null to take the video's length,
    /// <see cref="FrameRate.FramesToSamples"/>(frame count, <see cref="SampleRate"/>).
    /// </summary>
    public long? SampleCount { get; init; }

    /// <summary>Rate and channels as an <see cref="AudioFormat"/>.</summary>
    public AudioFormat Format => new(SampleRate, Channels);
}
