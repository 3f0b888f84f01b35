using System.Diagnostics;

namespace Editing.Media.Tests.Support;

/// <summary>Runs ffmpeg directly to make test media and to read results independently of the library under test.</summary>
internal static class Ffmpeg
{
    /// <summary>Runs ffmpeg with <c>-nostdin -hide_banner -v error -y</c> and the arguments; fails the test with its stderr.</summary>
    public static void Run(params string[] args) => RunBytes(args);

    /// <summary>Runs ffmpeg and returns its stdout bytes.</summary>
    public static byte[] RunBytes(params string[] args)
    {
        var info = new ProcessStartInfo(MediaTools.Shared.FfmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-nostdin", "-hide_banner", "-v", "error", "-y" }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Test media command failed ({process.ExitCode}): ffmpeg {string.Join(' ', args)}\n{stderr.Result}");
        }
        return stdout.ToArray();
    }

    /// <summary>
    /// A ProRes 422 HQ test clip: testsrc2 at <paramref name="size"/> and <paramref name="rate"/>, exactly
    /// <paramref name="frames"/> frames, optional timecode, optional 1 kHz stereo 48 kHz 24-bit audio of exactly the
    /// video's length.
    /// </summary>
    public static string MakeClip(string path, int frames, string rate = "24000/1001", string size = "320x180", string? timecode = null, long? audioSamples = null, string source = "testsrc2")
    {
        var args = new List<string> { "-f", "lavfi", "-i", $"{source}=size={size}:rate={rate}" };
        var graph = $"[0:v]trim=end_frame={frames}[v]";
        if (audioSamples is { } samples)
        {
            args.AddRange(["-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000"]);
            graph += $";[1:a]atrim=end_sample={samples},pan=stereo|c0=c0|c1=c0[a]";
        }
        args.AddRange(["-filter_complex", graph, "-map", "[v]"]);
        if (audioSamples is not null)
        {
            args.AddRange(["-map", "[a]", "-c:a", "pcm_s24le"]);
        }
        args.AddRange(["-c:v", "prores_ks", "-profile:v", "3", "-qscale:v", "8", "-vendor", "apl0", "-pix_fmt", "yuv422p10le"]);
        if (timecode is not null)
        {
            args.AddRange(["-timecode", timecode]);
        }
        args.Add(path);
        Run([.. args]);
        return path;
    }

    /// <summary>The first audio stream of <paramref name="path"/> as interleaved signed 16-bit samples (<c>-f s16le</c>).</summary>
    public static short[] ReadPcm16(string path)
    {
        var bytes = RunBytes("-i", path, "-map", "0:a:0", "-f", "s16le", "-c:a", "pcm_s16le", "pipe:1");
        var samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
        return samples;
    }

    /// <summary>The MD5 of every video packet (<c>-c copy -f framemd5</c>): equal lists mean the video was copied, not encoded again.</summary>
    public static string[] VideoPacketHashes(string path) =>
        System.Text.Encoding.ASCII.GetString(RunBytes("-i", path, "-map", "0:v:0", "-c", "copy", "-f", "framemd5", "pipe:1"))
            .Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(',')[^1].Trim())
            .ToArray();

    /// <summary>The mean of channel <paramref name="channel"/> over a frame's centre region (tolerant pixel comparison).</summary>
    public static double CentreMean(Editing.Media.Frames.RawFrame frame, int channel)
    {
        double sum = 0;
        var count = 0;
        for (var y = frame.Height / 3; y < frame.Height * 2 / 3; y++)
        {
            for (var x = frame.Width / 3; x < frame.Width * 2 / 3; x++)
            {
                var (r, g, b) = frame.GetPixel(x, y);
                sum += channel switch { 0 => r, 1 => g, _ => b };
                count++;
            }
        }
        return sum / count;
    }
}
