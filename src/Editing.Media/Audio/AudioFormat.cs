namespace Editing.Media.Audio;

/// <summary>A PCM sample rate and channel count.</summary>
/// <param name="SampleRate">Samples per second per channel (Hz).</param>
/// <param name="Channels">Number of channels.</param>
public readonly record struct AudioFormat(int SampleRate, int Channels)
{
    /// <summary>48 kHz stereo, the usual post-production format.</summary>
    public static AudioFormat Stereo48k => new(48000, 2);

    /// <summary>ffmpeg's name of the default layout for <see cref="Channels"/> (<c>mono</c>, <c>stereo</c>, <c>5.1</c>, or <c>Nc</c>).</summary>
    public string ChannelLayout => Channels switch
    {
        1 => "mono",
        2 => "stereo",
        3 => "2.1",
        4 => "quad",
        6 => "5.1",
        8 => "7.1",
        _ => $"{Channels}c",
    };

    internal void Validate()
    {
        if (SampleRate is < 1000 or > 768000)
        {
            throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "The sample rate must be 1000..768000 Hz.");
        }
        if (Channels is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(Channels), Channels, "The channel count must be 1..64.");
        }
    }
}
