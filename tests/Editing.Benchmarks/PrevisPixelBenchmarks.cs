using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Editing.Providers.Previs.Pixels;
using Editing.Sdk.Media;

namespace Editing.Benchmarks;

/// <summary>
/// The previs provider's two per-frame pixel loops on one 1920x1080 16-bit frame, as a motion-continued extension
/// runs them 48 times per clip: <see cref="Warp"/> by a sub-pixel translation (the vectorised fast path, and the
/// per-pixel path every map could take, which is what a translation cost before), a camera move (rotation and zoom,
/// still per pixel), and <see cref="Grain"/> (vectorised, and the scalar loop). Rows run in parallel on every core. A
/// short in-process job, nothing rebuilt: <c>dotnet run -c Release --project tests/Editing.Benchmarks -- --filter
/// '*PrevisPixelBenchmarks*'</c>.
/// </summary>
[Config(typeof(ShortRunInProcessConfig))]
public class PrevisPixelBenchmarks
{
    private const int Width = 1920;
    private const int Height = 1080;

    private readonly Affine _translation = Affine.Translation(3.37, -1.82);
    private readonly Affine _cameraMove = Affine.ContentMove(Width / 2.0, Height / 2.0, 10, 5, 1.1, 0.05);
    private VideoFrame _source = Rgb48.Create(1, 1);
    private VideoFrame _target = Rgb48.Create(1, 1);
    private Grain _grain = new(7, 0.008);
    private Grain _scalarGrain = new(7, 0.008);
    private int _frame;

    /// <summary>A frame of seeded noise and the grain tiles.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _source = Rgb48.Create(Width, Height);
        new Random(1).NextBytes(_source.Pixels);
        _target = Rgb48.Create(Width, Height);
        _grain = new Grain(7, 8 / 1023.0);
        _scalarGrain = new Grain(7, 8 / 1023.0) { UseVectors = false };
    }

    /// <summary>A sub-pixel translation through the fast path.</summary>
    [Benchmark]
    public void WarpTranslation() => Warp.Apply(_source, _target, _translation);

    /// <summary>The same translation pixel by pixel (the code every map used before the fast path).</summary>
    [Benchmark]
    public void WarpTranslationPerPixel() => Warp.ApplyGeneral(_source, _target, _translation);

    /// <summary>A camera move (zoom and turn), per pixel.</summary>
    [Benchmark]
    public void WarpCameraMove() => Warp.Apply(_source, _target, _cameraMove);

    /// <summary>Grain on a new frame index each call, vectorised.</summary>
    [Benchmark]
    public void Grain() => _grain.Apply(_source, _target, _frame++ & 63);

    /// <summary>Grain through the scalar loop (the original per-pixel code).</summary>
    [Benchmark]
    public void GrainScalar() => _scalarGrain.Apply(_source, _target, _frame++ & 63);

    /// <summary>BenchmarkDotNet's ShortRun (3 warm-ups, 3 iterations, one launch), in process so nothing is rebuilt.</summary>
    public sealed class ShortRunInProcessConfig : ManualConfig
    {
        /// <summary>Creates the configuration.</summary>
        public ShortRunInProcessConfig()
        {
            AddJob(Job.ShortRun
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: false))
                .WithId("ShortRunInProcess"));
        }
    }
}
