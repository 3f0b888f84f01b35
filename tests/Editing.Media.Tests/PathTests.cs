using Editing.Media.Audio;
using Editing.Media.Frames;
using Editing.Media.Probe;
using Editing.Media.Tests.Support;
using Editing.Media.Transcoding;

namespace Editing.Media.Tests;

public sealed class AwkwardPathFixture : TestFolder
{
    public AwkwardPathFixture()
    {
        Folder = NewSubfolder("dir with spaces, [brackets]; & ü");
        Clip = Ffmpeg.MakeClip(System.IO.Path.Combine(Folder, "clip 'A' — é.mov"), frames: 12, timecode: "01:00:00:00", audioSamples: 24024);
    }

    public string Folder { get; }

    public string Clip { get; }

    public string In(string name) => System.IO.Path.Combine(Folder, name);
}

public sealed class PathTests(AwkwardPathFixture media) : IClassFixture<AwkwardPathFixture>
{
    [Fact]
    public async Task Paths_with_spaces_quotes_and_non_ASCII_work_for_probe_conform_and_frames()
    {
        var conformed = media.In("out \"B\" [1], 100% ü; x=y.mov");
        var png = media.In("frame 'A' 100% é.png");
        var spec = new ConformSpec
        {
            Rate = FrameRate.Fps25,
            Width = 160,
            Height = 90,
            FrameCount = 10,
            ProResQScale = 8,
            Audio = new AudioSpec(),
            Overlays = [new TextOverlay { Text = "prompt: a 'quoted' café at 100%" }],
        };

        var probed = await MediaProbe.ProbeAsync(media.Clip);
        await Conformer.ConformAsync(media.Clip, spec, conformed);
        await FrameExtractor.ExtractFrameAsync(conformed, 9, png);
        var image = await RawFrameReader.ReadImageAsync(png, RawPixelFormat.Rgb48);

        Assert.Equal(12, probed.Video!.FrameCount);
        Assert.Equal(10, (await MediaProbe.ProbeAsync(conformed)).Video!.FrameCount);
        Assert.Equal((160, 90), (image.Width, image.Height));
    }

    [Fact]
    public async Task Paths_with_spaces_quotes_and_non_ASCII_work_for_audio_and_thumbnails()
    {
        var wav = media.In("sound 'x' — é.wav");
        var thumb = media.In("thumb \"1\" ü.png");

        var audio = await AudioOps.ExtendAsync(media.Clip, 100, AudioFill.RoomTone, AudioFormat.Stereo48k, wav);
        await Thumbnails.ThumbnailAsync(media.Clip, 3, 80, thumb);

        Assert.Equal(24124, audio.Audio[0].SampleCount);
        Assert.Equal(80, (await MediaProbe.ProbeAsync(thumb)).Video!.Width);
    }

    [Fact]
    public async Task A_missing_input_with_an_awkward_name_is_named_in_the_error()
    {
        var missing = media.In("missing 'clip' é.mov");

        var error = await Assert.ThrowsAsync<MediaException>(() => FrameExtractor.ExtractFrameAsync(missing, 0, media.In("never.png")));

        Assert.Equal(MediaErrorKind.InputNotFound, error.Kind);
        Assert.Contains(missing, error.Message);
        Assert.Contains("No such file or directory", error.Message);
        Assert.Contains("missing '\\''clip'\\'' é.mov", error.CommandLine);
    }
}
