using System.Buffers.Binary;

namespace Editing.Media.Audio;

/// <summary>Writes interleaved float samples as a RIFF/WAVE file of 24-bit PCM (<c>WAVE_FORMAT_PCM</c>, a 44-byte header).</summary>
internal static class WaveFile
{
    /// <summary>24-bit PCM; samples are clamped to −1..1 and rounded to the nearest step.</summary>
    public static void WritePcm24(string path, ReadOnlySpan<float> samples, int sampleRate, int channels)
    {
        var data = new byte[checked(samples.Length * 3)];
        for (var i = 0; i < samples.Length; i++)
        {
            var value = (int)Math.Clamp(Math.Round(samples[i] * 8388608.0), -8388608, 8388607);
            data[i * 3] = (byte)value;
            data[(i * 3) + 1] = (byte)(value >> 8);
            data[(i * 3) + 2] = (byte)(value >> 16);
        }

        Write(path, data, formatTag: 1, bitsPerSample: 24, sampleRate, channels);
    }

    private static void Write(string path, byte[] data, short formatTag, short bitsPerSample, int sampleRate, int channels)
    {
        var header = new byte[44];
        var span = header.AsSpan();
        var blockAlign = (short)(channels * bitsPerSample / 8);
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], checked(36 + data.Length));
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], formatTag);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], bitsPerSample);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], data.Length);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(header);
        stream.Write(data);
    }
}
