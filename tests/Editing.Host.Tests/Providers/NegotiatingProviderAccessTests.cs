using System.Diagnostics;
using System.Globalization;
using Editing.Host.Providers;
using Editing.Media.Probe;
using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Versioning;

namespace Editing.Host.Tests.Providers;

public sealed class NegotiatingProviderAccessTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static readonly ModelCapabilities Wan = new()
    {
        ModelId = "wan-test",
        Modes = [GenerationMode.ImageToVideo],
        NativeSizes = [new PixelSize(160, 96)],
        NativeRates = [new VideoRate(16, 1)],
        SizeMultiple = 16,
        FrameGrid = new FrameCountGrid(4, 1),
        SupportsFirstFrame = true,
    };

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Provider_gets_the_negotiated_request_and_the_tool_gets_the_exact_frames_size_and_rate_it_asked_for()
    {
        var inner = new RecordingAccess(Wan, _temp.Path);
        var access = new NegotiatingProviderAccess(inner, _temp.Combine("scratch"));
        var request = new GenerationRequest
        {
            Mode = GenerationMode.ImageToVideo,
            Size = new PixelSize(320, 180),
            Rate = new VideoRate(24000, 1001),
            FrameCount = 20,
            FirstFrame = "/tmp/first.png",
        };

        var result = await access.GenerateAsync(request, CancellationToken.None);

        var seen = Assert.Single(inner.Requests);
        // 20 frames at 23.976 = 0.834 s → 13.3 → 14 at 16 fps → 4n+1 = 17.
        Assert.Equal((new PixelSize(160, 96), new VideoRate(16, 1), 17), (seen.Size, seen.Rate, seen.FrameCount));
        var probe = await MediaProbe.ProbeAsync(result.VideoPath, CancellationToken.None);
        Assert.Equal((320, 180, 20L), (probe.Video!.Width, probe.Video.Height, probe.Video.FrameCount));
        Assert.Equal((20L, new PixelSize(320, 180), new VideoRate(24000, 1001)), (result.FrameCount, result.Size, result.Rate));
    }

    [Fact]
    public async Task A_request_the_model_cannot_do_is_refused_before_the_provider_is_called()
    {
        var inner = new RecordingAccess(Wan, _temp.Path);
        var access = new NegotiatingProviderAccess(inner, _temp.Combine("scratch"));
        var request = new GenerationRequest
        {
            Mode = GenerationMode.ImageToVideo,
            Size = new PixelSize(320, 180),
            Rate = new VideoRate(24, 1),
            FrameCount = 20,
            FirstFrame = "/tmp/first.png",
            LastFrame = "/tmp/last.png",
        };

        var e = await Assert.ThrowsAsync<PluginException>(() => access.GenerateAsync(request, CancellationToken.None));

        Assert.Equal("CAPABILITY", e.Code);
        Assert.Contains("model wan-test cannot end on a given last frame", e.Message, StringComparison.Ordinal);
        Assert.Empty(inner.Requests);
    }

    /// <summary>Writes a real clip of exactly the request's shape with ffmpeg, as a provider would.</summary>
    private sealed class RecordingAccess(ModelCapabilities model, string folder) : ProviderAccess
    {
        public List<GenerationRequest> Requests { get; } = [];

        public override ProviderDescriptor Selected { get; } = new() { Id = "test.fake", Version = SemanticVersion.Parse("1.0.0"), Models = [model] };

        public override ModelCapabilities SelectedModel => model;

        public override async Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            var path = Path.Combine(folder, $"gen-{Requests.Count}.mp4");
            var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[]
            {
                "-hide_banner", "-y", "-f", "lavfi", "-i",
                string.Create(CultureInfo.InvariantCulture, $"testsrc2=size={request.Size.Width}x{request.Size.Height}:rate={request.Rate.Numerator}/{request.Rate.Denominator}"),
                "-frames:v", request.FrameCount.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p", path,
            })
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi)!;
            var err = await p.StandardError.ReadToEndAsync(cancellationToken);
            await p.WaitForExitAsync(cancellationToken);
            Assert.True(p.ExitCode == 0, err);
            return new GenerationResult { VideoPath = path, FrameCount = request.FrameCount, Size = request.Size, Rate = request.Rate, ModelId = model.ModelId };
        }
    }
}
