using Editing.Host.Media;
using Editing.Providers.Previs.Pixels;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Previs.Tests.Support;

/// <summary>
/// Test media made once for the whole run, through the host's own media services (ffmpeg behind them): 320×180 at
/// 24000/1001, under two seconds each.
/// </summary>
public sealed class MediaFixture : IAsyncLifetime
{
    public const int Width = 320;
    public const int Height = 180;

    /// <summary>Pixels per frame the pan's content moves (to the left).</summary>
    public const int PanSpeed = 3;

    public const int PanFrames = 24;

    public static readonly VideoRate Rate = new(24000, 1001);

    public static readonly PixelSize Size = new(Width, Height);

    private readonly TestFolder _folder = new();

    public HostMediaServices Services { get; } = new(new HostMediaServicesOptions { ScratchDirectory = Path.Combine(Path.GetTempPath(), "previs-tests-scratch") });

    internal TestFolder Folder => _folder;

    /// <summary>24 frames of a detailed picture whose content moves left by <see cref="PanSpeed"/> pixels per frame.</summary>
    public string Pan => _folder.File("pan.mov");

    /// <summary>12 identical frames.</summary>
    public string Hold => _folder.File("hold.mov");

    /// <summary>A 16-bit PNG still (frame 0 of a two-frame clip).</summary>
    public string FirstStill => _folder.File("first.png");

    /// <summary>The same picture as <see cref="FirstStill"/> moved 24 pixels left, as a 16-bit PNG.</summary>
    public string LastStill => _folder.File("last.png");

    /// <summary>A warm orange picture, 16-bit PNG.</summary>
    public string OrangeReference => _folder.File("orange.png");

    /// <summary>One second of 48 kHz stereo: a 440 Hz tone with faint noise, 24-bit PCM.</summary>
    public string Tone => _folder.File("tone.wav");

    public async Task InitializeAsync()
    {
        await WriteAsync(Pan, PanFrames, i => (x, y) => Texture(1, x + (PanSpeed * i), y));
        await WriteAsync(Hold, 12, _ => (x, y) => Texture(2, x, y));
        var stills = _folder.File("stills.mov");
        await WriteAsync(stills, 2, i => (x, y) => Texture(3, x + (24 * i), y));
        await Services.ExtractFrameAsync(stills, 0, FirstStill, CancellationToken.None);
        await Services.ExtractFrameAsync(stills, 1, LastStill, CancellationToken.None);
        var orange = _folder.File("orange.mov");
        await WriteAsync(orange, 1, _ => (x, y) =>
        {
            var (r, g, b) = Texture(4, x, y);
            return ((byte)(190 + (r / 8)), (byte)(110 + (g / 10)), (byte)(30 + (b / 12)));
        });
        await Services.ExtractFrameAsync(orange, 0, OrangeReference, CancellationToken.None);
        WriteTone(Tone, 48000, 48000);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A scratch folder for one generation.</summary>
    public string NewScratch() => _folder.Folder("run-" + Guid.NewGuid().ToString("N")[..8]);

    public GenerationRequest Request(GenerationMode mode, int frames = 24) => new()
    {
        Mode = mode,
        Size = Size,
        Rate = Rate,
        FrameCount = frames,
        Seed = 7,
    };

    /// <summary>Runs the provider in process with a fresh scratch folder.</summary>
    internal async Task<(GenerationResult Result, TestProviderContext Context)> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var context = new TestProviderContext(Services, NewScratch(), cancellationToken, settings);
        var result = await new PrevisProvider().GenerateAsync(request, context, cancellationToken);
        return (result, context);
    }

    /// <summary>Probes <paramref name="path"/> and checks it is exactly <paramref name="size"/>, 24000/1001 and
    /// <paramref name="frames"/> frames.</summary>
    public async Task<MediaDescription> AssertShapeAsync(string path, PixelSize size, long frames)
    {
        var description = await Services.ProbeAsync(path, CancellationToken.None);
        Assert.Equal(size, description.Size);
        Assert.Equal(Rate, description.Rate);
        Assert.Equal(frames, description.FrameCount);
        return description;
    }

    /// <summary>
    /// Random grey 10-pixel blocks (detail in luma, which 4:2:2 keeps at full resolution) tinted by soft colour waves:
    /// detailed and never periodic, so shifts are unambiguous, and close to what a camera sees after chroma subsampling.
    /// </summary>
    public static (byte R, byte G, byte B) Texture(long seed, int x, int y)
    {
        var grey = 50 + (double)(SeededRandom.Hash(seed, x / 10, y / 10) % 140);
        var wave = 25 * Math.Sin((x * 0.021) + seed) * Math.Cos(y * 0.027);
        return (
            (byte)Math.Clamp(grey + wave + 10, 0, 255),
            (byte)Math.Clamp(grey - (wave / 2), 0, 255),
            (byte)Math.Clamp(grey - wave, 0, 255));
    }

    private async Task WriteAsync(string path, int frames, Func<int, Func<int, int, (byte R, byte G, byte B)>> picture)
    {
        var spec = new VideoWriteSpec { Size = Size, Rate = Rate, FrameCount = frames, InputFormat = FramePixelFormat.Rgb24 };
        await using var writer = Services.CreateWriter(path, spec);
        for (var i = 0; i < frames; i++)
        {
            var frame = VideoFrame.Create(Width, Height, FramePixelFormat.Rgb24);
            var pixel = picture(i);
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    var (r, g, b) = pixel(x, y);
                    var p = ((y * Width) + x) * 3;
                    (frame.Pixels[p], frame.Pixels[p + 1], frame.Pixels[p + 2]) = (r, g, b);
                }
            }

            await writer.WriteAsync(frame, CancellationToken.None);
        }

        await writer.CompleteAsync(CancellationToken.None);
    }

    private static void WriteTone(string path, int sampleRate, int samples)
    {
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        var data = samples * 2 * 3;
        writer.Write("RIFF"u8);
        writer.Write(36 + data);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)2);
        writer.Write(sampleRate);
        writer.Write(sampleRate * 6);
        writer.Write((short)6);
        writer.Write((short)24);
        writer.Write("data"u8);
        writer.Write(data);
        for (var i = 0; i < samples; i++)
        {
            var noise = (SeededRandom.UnitF(5, i) - 0.5) * 0.002;
            var value = (int)Math.Round(((0.1 * Math.Sin(2 * Math.PI * 440 * i / sampleRate)) + noise) * 8388607);
            for (var c = 0; c < 2; c++)
            {
                writer.Write((byte)value);
                writer.Write((byte)(value >> 8));
                writer.Write((byte)(value >> 16));
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MediaCollection : ICollectionFixture<MediaFixture>
{
    public const string Name = "media";
}
