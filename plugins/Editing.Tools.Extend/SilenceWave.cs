using System.Buffers.Binary;

namespace Editing.Tools.Extend;

/// <summary>
/// Writes digital silence as a 24-bit PCM WAV. The media services offer room tone (<c>ExtendAudioAsync</c>) but no
/// silence; zero samples need no decoding or encoding, so the tool writes them itself rather than starting a process.
/// </summary>
internal static class SilenceWave
{
    private const int BytesPerSample = 3;

    /// <summary>Writes <paramref name="samples"/> samples per channel of silence.</summary>
    public static async Task WriteAsync(string path, long samples, int sampleRate, int channels, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        var blockAlign = channels * BytesPerSample;
        var dataBytes = samples * blockAlign;
        if (dataBytes > uint.MaxValue - 36)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "too long for a WAV file");
        }

        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)(36 + dataBytes));
        "WAVE"u8.CopyTo(header.AsSpan(8));
        "fmt "u8.CopyTo(header.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(28), (uint)(sampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(32), (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(34), BytesPerSample * 8);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), (uint)dataBytes);

        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            var zeros = new byte[Math.Min(dataBytes, 1 << 16)];
            for (var left = dataBytes; left > 0; left -= zeros.Length)
            {
                await stream.WriteAsync(zeros.AsMemory(0, (int)Math.Min(left, zeros.Length)), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
