using Editing.Media.Frames;
using Editing.Media.Probe;
using Editing.Media.Tests.Support;

namespace Editing.Media.Tests.Frames;

public sealed class FrameFixture : TestFolder
{
    public FrameFixture()
    {
        // Frame n has R = 5n, G = 128, B = 255 - 5n, stored losslessly (FFV1 RGB), so every frame is identifiable.
        Indexed = Path("indexed.mkv");
        Ffmpeg.Run(
            "-f", "lavfi", "-i", "color=c=black:size=64x36:rate=24",
            "-vf", "format=rgb24,geq=r='5*N':g='128':b='255-5*N'",
            "-frames:v", "48", "-c:v", "ffv1", "-pix_fmt", "gbrp", Indexed);
        Solid = Path("solid.mov");
        Ffmpeg.Run(
            "-f", "lavfi", "-i", "color=c=0x4080C0:size=320x180:rate=25",
            "-frames:v", "12", "-c:v", "prores_ks", "-profile:v", "3", "-qscale:v", "4", "-pix_fmt", "yuv422p10le", Solid);
        Clip = Ffmpeg.MakeClip(Path("clipA.mov"), frames: 48, timecode: "01:00:00:00");
    }

    public string Indexed { get; }

    public string Solid { get; }

    public string Clip { get; }
}

public sealed class FrameTests(FrameFixture media) : IClassFixture<FrameFixture>
{
    [Theory]
    [InlineData(0)]
    [InlineData(23)]
    [InlineData(47)]
    public async Task Extract_writes_the_exact_frame_as_16_bit_png(long frame)
    {
        var png = media.Path($"indexed-{frame}.png");

        await FrameExtractor.ExtractFrameAsync(media.Indexed, frame, png);

        var info = await MediaProbe.ProbeAsync(png);
        Assert.Equal("png", info.Video!.Codec);
        Assert.Equal("rgb48be", info.Video.PixelFormat);
        var image = await RawFrameReader.ReadImageAsync(png, RawPixelFormat.Rgb48);
        Assert.Equal(5 * frame * 257, Ffmpeg.CentreMean(image, 0), 257.0);
        Assert.Equal((255 - (5 * frame)) * 257, Ffmpeg.CentreMean(image, 2), 257.0);
    }

    [Fact]
    public async Task Extract_last_frame_finds_the_final_frame_exactly()
    {
        var png = media.Path("indexed-last.png");

        var index = await FrameExtractor.ExtractLastFrameAsync(media.Indexed, png);

        Assert.Equal(47, index);
        var image = await RawFrameReader.ReadImageAsync(png, RawPixelFormat.Rgb24);
        Assert.Equal(235, Ffmpeg.CentreMean(image, 0), 1.0);
    }

    [Fact]
    public async Task Extract_from_prores_gives_first_middle_and_last_frames_at_full_size()
    {
        foreach (var frame in new long[] { 0, 24, 47 })
        {
            var png = media.Path($"clip-{frame}.png");
            await FrameExtractor.ExtractFrameAsync(media.Clip, frame, png);
            var video = (await MediaProbe.ProbeAsync(png)).Video!;
            Assert.Equal(("rgb48be", 320, 180), (video.PixelFormat, video.Width, video.Height));
        }
        Assert.NotEqual(await File.ReadAllBytesAsync(media.Path("clip-0.png")), await File.ReadAllBytesAsync(media.Path("clip-47.png")));
    }

    [Fact]
    public async Task Extract_can_write_8_bit_png()
    {
        var png = media.Path("clip-8bit.png");

        await FrameExtractor.ExtractFrameAsync(media.Clip, 3, png, PngBitDepth.Eight);

        Assert.Equal("rgb24", (await MediaProbe.ProbeAsync(png)).Video!.PixelFormat);
    }

    [Fact]
    public async Task Extract_past_the_end_is_out_of_range_and_writes_nothing()
    {
        var png = media.Path("beyond.png");

        var error = await Assert.ThrowsAsync<MediaException>(() => FrameExtractor.ExtractFrameAsync(media.Indexed, 48, png));

        Assert.Equal(MediaErrorKind.OutOfRange, error.Kind);
        Assert.Contains("48 frame(s)", error.Message);
        Assert.False(File.Exists(png));
        Assert.Empty(Directory.GetFiles(media.Root, ".beyond*"));
    }

    [Fact]
    public async Task Read_frames_yields_the_requested_range_in_order()
    {
        var frames = new List<RawFrame>();
        await foreach (var frame in RawFrameReader.ReadFramesAsync(media.Indexed, 10, 5, RawPixelFormat.Rgb24))
        {
            frames.Add(frame);
        }

        Assert.Equal(5, frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal((64, 36, 64 * 3), (frames[i].Width, frames[i].Height, frames[i].Stride));
            Assert.Equal(5 * (10 + i), Ffmpeg.CentreMean(frames[i], 0), 1.0);
        }
    }

    [Theory]
    [InlineData(RawPixelFormat.Rgb24, 1)]
    [InlineData(RawPixelFormat.Rgb48, 257)]
    public async Task Read_frames_of_a_solid_colour_prores_clip_gives_its_colour(RawPixelFormat format, int scale)
    {
        await foreach (var frame in RawFrameReader.ReadFramesAsync(media.Solid, 0, 12, format))
        {
            Assert.Equal(format, frame.Format);
            Assert.Equal(0x40 * scale, Ffmpeg.CentreMean(frame, 0), 3.0 * scale);
            Assert.Equal(0x80 * scale, Ffmpeg.CentreMean(frame, 1), 3.0 * scale);
            Assert.Equal(0xC0 * scale, Ffmpeg.CentreMean(frame, 2), 3.0 * scale);
            var (r, g, b) = frame.GetPixel(0, 0);
            Assert.InRange(r, 0x3C * scale, 0x44 * scale);
            Assert.InRange(g, 0x7C * scale, 0x84 * scale);
            Assert.InRange(b, 0xBC * scale, 0xC4 * scale);
        }
    }

    [Fact]
    public async Task Read_frames_scales_to_a_target_size()
    {
        var count = 0;
        await foreach (var frame in RawFrameReader.ReadFramesAsync(media.Clip, 0, 2, RawPixelFormat.Rgb48, new FrameSize(32, 18)))
        {
            Assert.Equal((32, 18, 32 * 18 * 6), (frame.Width, frame.Height, frame.Pixels.Length));
            count++;
        }
        Assert.Equal(2, count);
    }

    [Fact]
    public async Task Read_frames_past_the_end_is_out_of_range()
    {
        var error = await Assert.ThrowsAsync<MediaException>(async () =>
        {
            await foreach (var _ in RawFrameReader.ReadFramesAsync(media.Indexed, 40, 20, RawPixelFormat.Rgb24))
            {
            }
        });

        Assert.Equal(MediaErrorKind.OutOfRange, error.Kind);
        Assert.Contains("only 8 frame(s)", error.Message);
    }

    [Fact]
    public async Task Stopping_a_read_early_ends_ffmpeg_without_error()
    {
        await foreach (var frame in RawFrameReader.ReadFramesAsync(media.Clip, 0, 48, RawPixelFormat.Rgb24))
        {
            Assert.Equal(320, frame.Width);
            break;
        }
    }
}

public sealed class ThumbnailTests(FrameFixture media) : IClassFixture<FrameFixture>
{
    [Fact]
    public async Task Thumbnail_is_scaled_to_the_width_keeping_aspect()
    {
        var png = media.Path("thumb.png");

        await Thumbnails.ThumbnailAsync(media.Clip, 10, 160, png);

        var video = (await MediaProbe.ProbeAsync(png)).Video!;
        Assert.Equal((160, 90, "rgb24"), (video.Width, video.Height, video.PixelFormat));
    }

    [Fact]
    public async Task Contact_sheet_tiles_columns_by_rows_of_the_tile_width()
    {
        var png = media.Path("sheet.png");

        await Thumbnails.ContactSheetAsync(media.Clip, columns: 4, rows: 3, tileWidth: 80, png);

        var video = (await MediaProbe.ProbeAsync(png)).Video!;
        Assert.Equal((320, 135), (video.Width, video.Height));
    }

    [Fact]
    public async Task Contact_sheet_of_the_indexed_clip_shows_frames_spread_over_it()
    {
        var png = media.Path("indexed-sheet.png");

        await Thumbnails.ContactSheetAsync(media.Indexed, columns: 4, rows: 2, tileWidth: 64, png);

        // 48 frames over 8 cells: every 6th frame; the last cell (frame 42) has R = 210.
        var sheet = await RawFrameReader.ReadImageAsync(png, RawPixelFormat.Rgb24);
        Assert.Equal((256, 72), (sheet.Width, sheet.Height));
        Assert.InRange(sheet.GetPixel(32, 18).R, 0, 2);
        Assert.InRange(sheet.GetPixel(64 + 32, 18).R, 29, 31);
        Assert.InRange(sheet.GetPixel((3 * 64) + 32, 36 + 18).R, 209, 211);
    }
}
