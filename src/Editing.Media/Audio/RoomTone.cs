namespace Editing.Media.Audio;

/// <summary>
/// Makes room tone from interleaved float samples. Loops play a window forwards then backwards ("ping-pong"), so
/// every turn continues from the sample it reached: no jump in value, no click.
/// </summary>
internal static class RoomTone
{
    /// <summary>Crossfade length at the join with the source: 30 ms.</summary>
    private const double JoinSeconds = 0.030;

    /// <summary>
    /// <paramref name="frames"/> sample frames that continue <paramref name="tail"/> (the end of the source): the
    /// tail played backwards from its last sample (so the first new sample sits next to the last old one), crossfaded
    /// with equal power into the looped quietest window.
    /// </summary>
    public static float[] Continue(float[] tail, int channels, long frames, int sampleRate)
    {
        var output = new float[checked(frames * channels)];
        var tailFrames = tail.Length / channels;
        if (tailFrames == 0 || frames == 0)
        {
            return output;
        }
        var (windowStart, windowFrames) = QuietestWindow(tail, channels, Math.Min(tailFrames, sampleRate));
        var fade = Math.Min(frames, Math.Max(1, (long)Math.Round(JoinSeconds * sampleRate)));
        for (long k = 0; k < frames; k++)
        {
            var tone = windowStart + PingPong(k, windowFrames);
            if (k < fade)
            {
                var theta = Math.PI / 2 * (k + 0.5) / fade;
                var fromSource = (float)Math.Cos(theta);
                var toTone = (float)Math.Sin(theta);
                var back = tailFrames - 1 - PingPong(k, tailFrames);
                for (var c = 0; c < channels; c++)
                {
                    output[k * channels + c] = (tail[back * channels + c] * fromSource) + (tail[tone * channels + c] * toTone);
                }
            }
            else
            {
                Array.Copy(tail, tone * channels, output, k * channels, channels);
            }
        }
        return output;
    }

    /// <summary><paramref name="frames"/> sample frames of the quietest window of <paramref name="source"/>, looped.</summary>
    public static float[] Loop(float[] source, int channels, long frames, int sampleRate)
    {
        var output = new float[checked(frames * channels)];
        var sourceFrames = source.Length / channels;
        if (sourceFrames == 0)
        {
            return output;
        }
        var (start, length) = QuietestWindow(source, channels, Math.Min(sourceFrames, sampleRate));
        for (long k = 0; k < frames; k++)
        {
            Array.Copy(source, (start + PingPong(k, length)) * channels, output, k * channels, channels);
        }
        return output;
    }

    /// <summary>The start and length (in sample frames) of the window with the lowest RMS; ties go to the later one.</summary>
    internal static (int Start, int Frames) QuietestWindow(float[] samples, int channels, int windowFrames)
    {
        var total = samples.Length / channels;
        windowFrames = Math.Clamp(windowFrames, 1, total);
        var hop = Math.Max(1, windowFrames / 4);
        var best = total - windowFrames;
        var bestEnergy = double.MaxValue;
        for (var start = total - windowFrames; start >= 0; start -= hop)
        {
            double energy = 0;
            for (var i = start * channels; i < (start + windowFrames) * channels; i++)
            {
                energy += (double)samples[i] * samples[i];
            }
            if (energy < bestEnergy * 0.999)
            {
                bestEnergy = energy;
                best = start;
            }
        }
        return (best, windowFrames);
    }

    /// <summary>Index k of a forwards-backwards walk over n items: 0,1,…,n−1,n−2,…,1,0,1,…</summary>
    internal static int PingPong(long k, int n)
    {
        if (n <= 1)
        {
            return 0;
        }
        var period = 2L * n - 2;
        var i = k % period;
        return (int)(i < n ? i : period - i);
    }
}
