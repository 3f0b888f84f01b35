using System.Diagnostics;
using Editing.Providers.Previs.Tests.Support;
using Editing.Sdk.Media;
using Xunit.Abstractions;

namespace Editing.Providers.Previs.Tests;

[Collection(MediaCollection.Name)]
public sealed class TimingProbe(MediaFixture media, ITestOutputHelper output)
{
    [Fact]
    public async Task Timing()
    {
        var w = Stopwatch.StartNew();
        await media.Services.ProbeAsync(media.Pan, default);
        output.WriteLine($"probe {w.ElapsedMilliseconds}"); w.Restart();
        await Pictures.ReadAsync(media.Services, media.Pan, 0, 24);
        output.WriteLine($"read24 {w.ElapsedMilliseconds}"); w.Restart();
        await Pictures.ReadOneAsync(media.Services, media.Pan, 3);
        output.WriteLine($"read1 {w.ElapsedMilliseconds}"); w.Restart();
        var path = Path.Combine(media.NewScratch(), "t.mov");
        var spec = new VideoWriteSpec { Size = MediaFixture.Size, Rate = MediaFixture.Rate, FrameCount = 24 };
        await using (var writer = media.Services.CreateWriter(path, spec))
        {
            output.WriteLine($"create {w.ElapsedMilliseconds}"); w.Restart();
            for (var i = 0; i < 24; i++) await writer.WriteAsync(VideoFrame.Create(320, 180, FramePixelFormat.Rgb24), default);
            output.WriteLine($"write {w.ElapsedMilliseconds}"); w.Restart();
            await writer.CompleteAsync(default);
            output.WriteLine($"complete {w.ElapsedMilliseconds}"); w.Restart();
        }
    }
}
