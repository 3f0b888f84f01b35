using Editing.Media.Probe;
using Editing.Media.Tests.Support;

namespace Editing.Media.Tests.Probe;

public sealed class ReelTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_reel_name_a_quicktime_writer_puts_on_the_timecode_track_is_read()
    {
        var path = _folder.Path("A001C003.mov");
        Ffmpeg.Run("-f", "lavfi", "-i", "testsrc2=size=64x36:rate=24", "-frames:v", "4", "-c:v", "prores_ks", "-timecode", "01:00:00:00",
            "-metadata:s:v:0", "reel_name=A001", path);

        var info = await MediaProbe.ProbeAsync(path);

        Assert.Equal("A001", info.Reel);
        Assert.Equal("01:00:00:00", info.Video!.StartTimecode);
    }

    [Fact]
    public async Task A_file_without_a_reel_tag_has_no_reel()
    {
        var path = _folder.Path("plain.mov");
        Ffmpeg.Run("-f", "lavfi", "-i", "testsrc2=size=64x36:rate=24", "-frames:v", "4", "-c:v", "prores_ks", path);

        Assert.Null((await MediaProbe.ProbeAsync(path)).Reel);
    }
}
