using BenchmarkDotNet.Attributes;
using Editing.Media;
using Editing.Media.Frames;
using Editing.Media.Transcoding;

namespace Editing.Benchmarks;

/// <summary>
/// The ProRes writer's RGB → YUV step on one seeded-noise 1920x1080 <c>rgb48le</c> frame to <c>yuv422p10le</c>:
/// the AVX2 path, the <see cref="System.Runtime.Intrinsics.Vector128"/> path it replaced and the scalar loop, each
/// as the writer runs it (parallel bands on every core) and on one thread (the frame as eight 1920x135 strips, each
/// below the size that is split into bands). A short in-process job, nothing rebuilt: <c>dotnet run -c Release
/// --project tests/Editing.Benchmarks -- --filter '*YuvConverter*'</c>.
/// </summary>
[Config(typeof(PrevisPixelBenchmarks.ShortRunInProcessConfig))]
public class YuvConverterBenchmarks
{
    private const int Width = 1920;
    private const int Height = 1080;
    private const int Strips = 8;

    private byte[] _frame = [];
    private byte[] _output = [];
    private byte[][] _stripFrames = [];
    private byte[][] _stripOutputs = [];
    private YuvConverter? _avx2;
    private YuvConverter? _vector128;
    private YuvConverter? _scalar;
    private YuvConverter? _stripAvx2;
    private YuvConverter? _stripVector128;

    /// <summary>The frame, its strips and one converter per path.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _frame = new byte[Width * Height * 6];
        new Random(1).NextBytes(_frame);
        _avx2 = Create(Width, Height, vector256: true, vectors: true);
        _vector128 = Create(Width, Height, vector256: false, vectors: true);
        _scalar = Create(Width, Height, vector256: false, vectors: false);
        _output = new byte[_avx2.OutputBytes];
        const int stripHeight = Height / Strips;
        _stripAvx2 = Create(Width, stripHeight, vector256: true, vectors: true);
        _stripVector128 = Create(Width, stripHeight, vector256: false, vectors: true);
        _stripFrames = [.. Enumerable.Range(0, Strips).Select(i => _frame.AsSpan(i * Width * stripHeight * 6, Width * stripHeight * 6).ToArray())];
        _stripOutputs = [.. Enumerable.Range(0, Strips).Select(_ => new byte[_stripAvx2.OutputBytes])];
    }

    /// <summary>The AVX2 path, in parallel bands.</summary>
    [Benchmark]
    public void Avx2() => _avx2!.Convert(_frame, _output);

    /// <summary>The Vector128 path (the code before the AVX2 path), in parallel bands.</summary>
    [Benchmark(Baseline = true)]
    public void Vector128() => _vector128!.Convert(_frame, _output);

    /// <summary>The scalar loop, in parallel bands.</summary>
    [Benchmark]
    public void Scalar() => _scalar!.Convert(_frame, _output);

    /// <summary>The AVX2 path on one thread.</summary>
    [Benchmark]
    public void Avx2SingleThread() => ConvertStrips(_stripAvx2!);

    /// <summary>The Vector128 path on one thread.</summary>
    [Benchmark]
    public void Vector128SingleThread() => ConvertStrips(_stripVector128!);

    private static YuvConverter Create(int width, int height, bool vector256, bool vectors)
    {
        var converter = YuvConverter.For("yuv422p10le", new FrameSize(width, height), RawPixelFormat.Rgb48)
            ?? throw new InvalidOperationException("no yuv422p10le converter");
        converter.UseVectors = vectors;
        converter.UseVector256 = vector256;
        return converter;
    }

    private void ConvertStrips(YuvConverter converter)
    {
        for (var i = 0; i < Strips; i++)
        {
            converter.Convert(_stripFrames[i], _stripOutputs[i]);
        }
    }
}
