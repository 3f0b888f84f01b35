using Editing.Media.Execution;
using Editing.Media.Frames;
using Editing.Media.Probe;
using Editing.Media.Tests.Support;
using Editing.Media.Transcoding;

namespace Editing.Media.Tests.Transcoding;

public sealed class RawVideoWriterTests(TestFolder folder) : IClassFixture<TestFolder>
{
    private static readonly EncodeSpec Spec = new()
    {
        Rate = FrameRate.Fps23_976,
        Width = 320,
        Height = 180,
        Codec = CodecProfile.ProRes422HQ,
        StartTimecode = "01:00:00:00",
    };

    /// <summary>Frame i: red ramps left to right, green = 20 i, blue 128 (16-bit values).</summary>
    private static RawFrame Synthetic(int i, int width = 320, int height = 180)
    {
        var frame = new RawFrame(width, height, RawPixelFormat.Rgb48, new byte[width * height * 6]);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                frame.SetPixel(x, y, x * 65535 / (width - 1), i * 20 * 257, 128 * 257);
            }
        }
        return frame;
    }

    private static async Task<MediaInfo> WriteAsync(string path, EncodeSpec spec, int frames, int width = 320, int height = 180)
    {
        await using var writer = RawVideoWriter.Create(path, spec, new FrameSize(width, height), RawPixelFormat.Rgb48);
        for (var i = 0; i < frames; i++)
        {
            await writer.WriteFrameAsync(Synthetic(i, width, height));
        }
        return await writer.CompleteAsync();
    }

    [Fact]
    public async Task Writer_writes_exactly_the_frames_given_with_codec_rate_and_timecode()
    {
        var path = folder.Path("written.mov");

        var result = await WriteAsync(path, Spec, 12);

        var info = await MediaProbe.ProbeAsync(path);
        Assert.Equal(path, result.Path);
        Assert.Equal(12, info.Video!.FrameCount);
        Assert.Equal(("prores", "HQ", "yuv422p10le"), (info.Video.Codec, info.Video.Profile, info.Video.PixelFormat));
        Assert.Equal(FrameRate.Fps23_976, info.Video.FrameRate);
        Assert.Equal("01:00:00:00", info.Video.StartTimecode);
        Assert.Empty(Directory.GetFiles(folder.Root, ".written*"));
    }

    [Fact]
    public async Task Writer_gives_byte_identical_files_for_the_same_frames()
    {
        var first = folder.Path("same-1.mov");
        var second = folder.Path("same-2.mov");

        await WriteAsync(first, Spec, 6);
        await WriteAsync(second, Spec, 6);

        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
    }

    [Fact]
    public async Task Written_pixels_read_back_within_tolerance()
    {
        var path = folder.Path("roundtrip.mov");
        await WriteAsync(path, Spec, 6);

        await foreach (var frame in RawFrameReader.ReadFramesAsync(path, 5, 1, RawPixelFormat.Rgb24))
        {
            Assert.Equal(100, Ffmpeg.CentreMean(frame, 1), 3.0);
            Assert.Equal(128, Ffmpeg.CentreMean(frame, 2), 3.0);
            Assert.InRange(frame.GetPixel(2, 90).R, 0, 6);
            Assert.InRange(frame.GetPixel(317, 90).R, 249, 255);
        }
    }

    [Fact]
    public async Task Writer_fits_frames_of_another_shape_with_a_pillarbox()
    {
        var path = folder.Path("square.mov");

        await WriteAsync(path, Spec, 2, width: 90, height: 90);

        await foreach (var frame in RawFrameReader.ReadFramesAsync(path, 1, 1, RawPixelFormat.Rgb24))
        {
            Assert.Equal((320, 180), (frame.Width, frame.Height));
            Assert.Equal((0, 0, 0), Rounded(frame.GetPixel(20, 90)));
            Assert.Equal(128, frame.GetPixel(160, 90).B, 3.0);
        }
    }

    [Fact]
    public async Task Writer_draws_arbitrary_prompt_text_and_a_running_timecode()
    {
        var plain = folder.Path("plain.mov");
        var labelled = folder.Path("labelled.mov");
        var spec = Spec with
        {
            Overlays =
            [
                new TextOverlay { Text = "It's \"wild\": 100% a\\b [x], y; z — é\nline 2 %{frame_num} 'quoted'", Position = OverlayPosition.TopLeft },
                new TextOverlay { Text = "GENERATED", Position = OverlayPosition.BottomCenter, Monospace = true, Color = "yellow" },
            ],
            BurnInTimecode = true,
        };

        await WriteAsync(plain, Spec, 3);
        await WriteAsync(labelled, spec, 3);

        var plainFrames = await ReadAllAsync(plain, 3);
        var labelledFrames = await ReadAllAsync(labelled, 3);
        Assert.True(RegionDiffers(plainFrames[0], labelledFrames[0], 0, 0, 160, 40), "prompt text drawn at the top left");
        Assert.True(RegionDiffers(plainFrames[0], labelledFrames[0], 120, 150, 80, 30), "label drawn at the bottom centre");
        // The burnt-in counter changes from frame to frame (the background does too, so compare against it).
        var tcRegion = (X: 220, Y: 150, W: 100, H: 30);
        Assert.True(RegionDiffers(labelledFrames[0], plainFrames[0], tcRegion.X, tcRegion.Y, tcRegion.W, tcRegion.H), "timecode drawn");
    }

    [Theory]
    [InlineData(CodecProfile.ProRes422HQ, ".mov")]
    [InlineData(CodecProfile.DnxhrSQ, ".mov")]
    [InlineData(CodecProfile.Ffv1, ".mov")]
    public async Task A_hold_encoded_once_gives_the_same_bytes_as_encoding_every_frame(CodecProfile codec, string extension)
    {
        var spec = Spec with { Codec = codec, StartTimecode = "01:00:03:16" };
        var once = folder.Path($"hold-once-{codec}{extension}");
        var every = folder.Path($"hold-every-{codec}{extension}");

        var runs = new List<ToolInvocation>();
        FfmpegProcess.Recorder.Value = runs;
        var onceInfo = await WriteHoldAsync(once, spec, 9, encodeOnce: true);
        FfmpegProcess.Recorder.Value = null;
        await WriteHoldAsync(every, spec, 9, encodeOnce: false);

        Assert.Contains(runs, r => r.Arguments.Contains("-stream_loop"));
        Assert.Equal(9, onceInfo.Video!.FrameCount);
        Assert.Equal("01:00:03:16", onceInfo.Video.StartTimecode);
        Assert.Equal(await File.ReadAllBytesAsync(every), await File.ReadAllBytesAsync(once));
        Assert.Empty(Directory.GetFiles(folder.Root, $".hold-once-{codec}*"));
    }

    [Fact]
    public async Task A_hold_that_ends_in_a_different_frame_is_encoded_frame_by_frame()
    {
        var path = folder.Path("hold-then-change.mov");
        await using (var writer = RawVideoWriter.Create(path, Spec, new FrameSize(320, 180), RawPixelFormat.Rgb48))
        {
            for (var i = 0; i < 5; i++)
            {
                await writer.WriteFrameAsync(Synthetic(0));
            }
            await writer.WriteFrameAsync(Synthetic(3));
            await writer.CompleteAsync();
        }

        var frames = await ReadGreenAsync(path, 6);
        Assert.Equal(5, frames.Count(g => g == frames[0]));
        Assert.True(frames[5] > frames[0] + (40 * 257), "the last frame is the different one");
    }

    [Fact]
    public async Task A_hold_with_a_burnt_in_timecode_is_encoded_frame_by_frame()
    {
        var path = folder.Path("hold-burn-in.mov");
        var spec = Spec with { BurnInTimecode = true };

        await WriteHoldAsync(path, spec, 3, encodeOnce: true);

        var reader = await ReadFramesAsync(path, 3);
        Assert.NotEqual(reader[0].Pixels, reader[1].Pixels);
    }

    private static async Task<MediaInfo> WriteHoldAsync(string path, EncodeSpec spec, int frames, bool encodeOnce)
    {
        await using var writer = RawVideoWriter.Create(path, spec, new FrameSize(320, 180), RawPixelFormat.Rgb48);
        writer.EncodeHoldsOnce = encodeOnce;
        var frame = Synthetic(2);
        for (var i = 0; i < frames; i++)
        {
            await writer.WriteFrameAsync(frame);
        }
        return await writer.CompleteAsync();
    }

    private static async Task<List<RawFrame>> ReadFramesAsync(string path, int count)
    {
        var frames = new List<RawFrame>();
        await foreach (var frame in RawFrameReader.ReadFramesAsync(path, 0, count, RawPixelFormat.Rgb48))
        {
            frames.Add(frame);
        }
        return frames;
    }

    /// <summary>The green value of the centre pixel of each frame.</summary>
    private static async Task<List<int>> ReadGreenAsync(string path, int count) =>
        (await ReadFramesAsync(path, count)).Select(f => f.GetPixel(160, 90).G).ToList();

    [Fact]
    public async Task Disposing_an_unfinished_writer_kills_ffmpeg_and_leaves_nothing()
    {
        var dir = folder.NewSubfolder("abandoned");
        var path = Path.Combine(dir, "abandoned.mov");

        await using (var writer = RawVideoWriter.Create(path, Spec, new FrameSize(320, 180), RawPixelFormat.Rgb48))
        {
            await writer.WriteFrameAsync(Synthetic(0));
            await writer.WriteFrameAsync(Synthetic(1));
        }

        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void Writer_refuses_audio_a_wrong_container_and_odd_sizes_up_front()
    {
        var size = new FrameSize(320, 180);
        Assert.Throws<ArgumentException>(() => RawVideoWriter.Create(folder.Path("a.mov"), Spec with { Audio = new AudioSpec() }, size, RawPixelFormat.Rgb24));
        var container = Assert.Throws<ArgumentException>(() => RawVideoWriter.Create(folder.Path("a.mp4"), Spec, size, RawPixelFormat.Rgb24));
        Assert.Contains(".mov", container.Message);
        Assert.Throws<ArgumentException>(() => RawVideoWriter.Create(folder.Path("odd.mov"), Spec with { Width = 321 }, size, RawPixelFormat.Rgb24));
        Assert.Throws<ArgumentException>(() => RawVideoWriter.Create(folder.Path("tc.mov"), Spec with { StartTimecode = "01:00:00:24" }, size, RawPixelFormat.Rgb24));
    }

    [Fact]
    public async Task Writer_reports_ffmpegs_own_words_when_the_encode_fails()
    {
        var dir = folder.NewSubfolder("failing");
        var path = Path.Combine(dir, "bad.mov");

        var error = await Assert.ThrowsAsync<MediaException>(async () =>
        {
            await using var writer = RawVideoWriter.Create(path, Spec with { PixelFormat = "yuv999p" }, new FrameSize(320, 180), RawPixelFormat.Rgb48);
            for (var i = 0; i < 5; i++)
            {
                await writer.WriteFrameAsync(Synthetic(i));
            }
            await writer.CompleteAsync();
        });

        Assert.Contains("yuv999p", error.Message);
        Assert.Contains(path, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public async Task Writer_refuses_frames_of_the_wrong_size()
    {
        await using var writer = RawVideoWriter.Create(folder.Path("wrong.mov"), Spec, new FrameSize(320, 180), RawPixelFormat.Rgb48);

        await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteFrameAsync(Synthetic(0, 160, 90)));
    }

    private static async Task<List<RawFrame>> ReadAllAsync(string path, int count)
    {
        var frames = new List<RawFrame>();
        await foreach (var frame in RawFrameReader.ReadFramesAsync(path, 0, count, RawPixelFormat.Rgb24))
        {
            frames.Add(frame);
        }
        return frames;
    }

    private static bool RegionDiffers(RawFrame a, RawFrame b, int x0, int y0, int w, int h)
    {
        var differing = 0;
        for (var y = y0; y < y0 + h; y++)
        {
            for (var x = x0; x < x0 + w; x++)
            {
                var (r1, g1, b1) = a.GetPixel(x, y);
                var (r2, g2, b2) = b.GetPixel(x, y);
                if (Math.Abs(r1 - r2) + Math.Abs(g1 - g2) + Math.Abs(b1 - b2) > 60)
                {
                    differing++;
                }
            }
        }
        return differing > 20;
    }

    private static (int, int, int) Rounded((int R, int G, int B) p) => (p.R / 8, p.G / 8, p.B / 8);
}
