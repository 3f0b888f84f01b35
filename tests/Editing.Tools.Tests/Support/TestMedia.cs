using System.Buffers.Binary;
using Editing.Host.Media;
using Editing.Media.Audio;
using Editing.Sdk.Media;

namespace Editing.Tools.Tests.Support;

/// <summary>
/// One test clip shared by the tests of a class (each class its own, so classes run in parallel): 48 frames (2.0 s) of 320×180 at 24000/1001 with start timecode
/// 01:00:00:00 (media frame 86400) burnt in, and 48 kHz stereo audio of exactly 48 × 2002 samples (a 440 Hz tone
/// over faint noise). Frame i has a background that shifts with i (red up, blue down) and a white square moving 5 px
/// per frame, so frames are told apart by their pixels. Made with the host's media services and the media layer.
/// </summary>
public sealed class TestMedia : IAsyncLifetime
{
    public const int Frames = 48;
    public const long StartFrame = 86400;
    public const string StartTimecode = "01:00:00:00";
    public const int SampleRate = 48000;

    public static readonly VideoRate Rate = new(24000, 1001);
    public static readonly PixelSize Size = new(320, 180);

    public string Folder { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "editing-tools-tests-" + Guid.NewGuid().ToString("N"));

    public HostMediaServices Media { get; private set; } = null!;

    /// <summary>The clip with audio and timecode.</summary>
    public string Path { get; private set; } = "";

    public MediaDescription Description { get; private set; } = null!;

    /// <summary>The plate's frames as decoded from the file (8-bit RGB), for comparisons.</summary>
    public IReadOnlyList<VideoFrame> Decoded { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Media = new HostMediaServices(new HostMediaServicesOptions { ScratchDirectory = System.IO.Path.Combine(Folder, "media-scratch") });
        var video = System.IO.Path.Combine(Folder, "plate-video.mov");
        var spec = new VideoWriteSpec { Size = Size, Rate = Rate, FrameCount = Frames, BurnInTimecode = StartTimecode };
        var writer = Media.CreateWriter(video, spec);
        await using (writer)
        {
            for (var i = 0; i < Frames; i++)
            {
                await writer.WriteAsync(Frame(i), CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        var wav = System.IO.Path.Combine(Folder, "plate-audio.wav");
        WriteTone(wav, Rate.SamplesForFrames(Frames, SampleRate));
        Path = System.IO.Path.Combine(Folder, "plate.mov");
        await AudioOps.MuxAsync(video, wav, AudioFormat.Stereo48k, Path);
        Description = await Media.ProbeAsync(Path, CancellationToken.None);
        var decoded = new List<VideoFrame>(Frames);
        await foreach (var frame in Media.ReadFramesAsync(Path, 0, Frames, Size, FramePixelFormat.Rgb24, CancellationToken.None))
        {
            decoded.Add(frame);
        }

        Decoded = decoded;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>Frame <paramref name="i"/> of the plate as written (before encoding).</summary>
    public static VideoFrame Frame(int i)
    {
        var frame = VideoFrame.Create(Size.Width, Size.Height, FramePixelFormat.Rgb24);
        var p = frame.Pixels;
        byte r = (byte)(30 + (4 * i)), g = 90, b = (byte)(220 - (3 * i));
        for (var y = 0; y < Size.Height; y++)
        {
            for (var x = 0; x < Size.Width; x++)
            {
                var inSquare = x >= 20 + (5 * i) && x < 60 + (5 * i) && y >= 50 && y < 90;
                var o = ((y * Size.Width) + x) * 3;
                p[o] = inSquare ? (byte)255 : r;
                p[o + 1] = inSquare ? (byte)255 : g;
                p[o + 2] = inSquare ? (byte)255 : b;
            }
        }

        return frame;
    }

    private static void WriteTone(string path, long samples)
    {
        const int channels = 2;
        var data = new byte[samples * channels * 2];
        var random = new Random(7);
        for (long n = 0; n < samples; n++)
        {
            var value = (0.2 * Math.Sin(2 * Math.PI * 440 * n / SampleRate)) + (0.01 * ((random.NextDouble() * 2) - 1));
            var s = (short)Math.Round(value * short.MaxValue);
            for (var c = 0; c < channels; c++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan((int)(((n * channels) + c) * 2)), s);
            }
        }

        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)(36 + data.Length));
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(22), channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(28), SampleRate * channels * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(32), channels * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(34), 16);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), (uint)data.Length);
        File.WriteAllBytes(path, [.. header, .. data]);
    }
}
