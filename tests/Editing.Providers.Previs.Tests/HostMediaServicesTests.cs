using Editing.Host.Media;
using Editing.Providers.Previs.Tests.Support;
using Editing.Sdk;
using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Tests;

/// <summary>The host's media services as plugins use them.</summary>
[Collection(MediaCollection.Name)]
public sealed class HostMediaServicesTests(MediaFixture media)
{
    private HostMediaServices Services => media.Services;

    [Fact]
    public async Task Probe_describes_a_written_clip_exactly()
    {
        var description = await Services.ProbeAsync(media.Pan, CancellationToken.None);

        Assert.Equal("prores", description.VideoCodec);
        Assert.Equal("HQ", description.VideoProfile);
        Assert.Equal(new PixelSize(320, 180), description.Size);
        Assert.Equal(new VideoRate(24000, 1001), description.Rate);
        Assert.Equal(MediaFixture.PanFrames, description.FrameCount);
        Assert.Equal("yuv422p10le", description.PixelFormat);
        Assert.Null(description.AudioSampleRate);
    }

    [Fact]
    public async Task Missing_file_fails_with_the_path_and_a_media_code()
    {
        var missing = media.Folder.File("nope.mov");

        var error = await Assert.ThrowsAsync<PluginException>(() => Services.ProbeAsync(missing, CancellationToken.None));

        Assert.Equal("MEDIA.INPUT_NOT_FOUND", error.Code);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("ffprobe said", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractFrame_writes_a_16_bit_png_of_that_frame()
    {
        var png = media.Folder.File("frame5.png");

        await Services.ExtractFrameAsync(media.Pan, 5, png, CancellationToken.None);

        var description = await Services.ProbeAsync(png, CancellationToken.None);
        Assert.Equal("rgb48be", description.PixelFormat);
        var still = await Pictures.ReadOneAsync(Services, png, 0);
        var frame = await Pictures.ReadOneAsync(Services, media.Pan, 5);
        Pictures.AssertClose(frame, still, 1.0, "png vs frame");
    }

    [Fact]
    public async Task ReadFrames_reads_a_still_as_one_frame_whatever_the_count()
    {
        var frames = await Pictures.ReadAsync(Services, media.FirstStill, 0, 5);

        Assert.Single(frames);
        Assert.Equal((320, 180), (frames[0].Width, frames[0].Height));
    }

    [Fact]
    public async Task ReadFrames_resizes_with_lanczos_keeping_the_picture()
    {
        var native = await Pictures.ReadOneAsync(Services, media.Pan, 3);
        var small = await Pictures.ReadOneAsync(Services, media.Pan, 3, new PixelSize(160, 90));
        var big = await Pictures.ReadOneAsync(Services, media.Pan, 3, new PixelSize(640, 360));

        Assert.Equal((160, 90), (small.Width, small.Height));
        Assert.Equal((640, 360), (big.Width, big.Height));
        var (r, g, b) = Pictures.MeanColour(native);
        foreach (var scaled in new[] { small, big })
        {
            var (sr, sg, sb) = Pictures.MeanColour(scaled);
            Assert.InRange(sr, r - 2, r + 2);
            Assert.InRange(sg, g - 2, g + 2);
            Assert.InRange(sb, b - 2, b + 2);
        }
    }

    [Fact]
    public async Task ReadFrames_past_the_end_fails_as_out_of_range()
    {
        var error = await Assert.ThrowsAsync<PluginException>(async () => await Pictures.ReadAsync(Services, media.Pan, 20, 10));

        Assert.Equal("MEDIA.OUT_OF_RANGE", error.Code);
        Assert.Contains(media.Pan, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writer_enforces_the_promised_frame_count_and_leaves_nothing_behind()
    {
        var folder = media.NewScratch();
        var path = Path.Combine(folder, "short.mov");
        var spec = new VideoWriteSpec { Size = new PixelSize(64, 36), Rate = MediaFixture.Rate, FrameCount = 3 };
        var frame = VideoFrame.Create(64, 36, FramePixelFormat.Rgb24);

        await using (var writer = Services.CreateWriter(path, spec))
        {
            await writer.WriteAsync(frame, CancellationToken.None);
            await writer.WriteAsync(frame, CancellationToken.None);
            await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CompleteAsync(CancellationToken.None).AsTask());
        }

        await using (var writer = Services.CreateWriter(path, spec))
        {
            for (var i = 0; i < 3; i++)
            {
                await writer.WriteAsync(frame, CancellationToken.None);
            }

            await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync(frame, CancellationToken.None).AsTask());
            await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(VideoFrame.Create(32, 18, FramePixelFormat.Rgb24), CancellationToken.None).AsTask());
        }

        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task Writer_burns_in_overlays_and_timecode_and_stamps_the_timecode()
    {
        var path = Path.Combine(media.NewScratch(), "card.mov");
        var spec = new VideoWriteSpec
        {
            Size = new PixelSize(320, 180),
            Rate = MediaFixture.Rate,
            FrameCount = 2,
            InputFormat = FramePixelFormat.Rgb48,
            Overlays = [new TextOverlay("SHOT 010", 0.04, 0.05, 0.08), new TextOverlay("a \"quoted\": 100% line", null, 0.45, 0.06)],
            BurnInTimecode = "01:00:10:00",
        };

        await using (var writer = Services.CreateWriter(path, spec))
        {
            var black = VideoFrame.Create(320, 180, FramePixelFormat.Rgb48);
            await writer.WriteAsync(black, CancellationToken.None);
            await writer.WriteAsync(black, CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        var description = await media.AssertShapeAsync(path, spec.Size, 2);
        Assert.Equal("01:00:10:00", description.StartTimecode);
        var frame = await Pictures.ReadOneAsync(Services, path, 0);
        var (r, g, b) = Pictures.MeanColour(frame);
        Assert.True(r + g + b > 3, "white text was drawn on the black frame");
    }

    [Fact]
    public async Task Writer_with_an_h264_profile_keeps_prores_for_a_mov_path_and_writes_h264_to_mp4()
    {
        var services = new HostMediaServices(new HostMediaServicesOptions { Codec = Editing.Media.Transcoding.CodecProfile.H264Review });
        var folder = media.NewScratch();
        var spec = new VideoWriteSpec { Size = new PixelSize(64, 36), Rate = MediaFixture.Rate, FrameCount = 2 };
        foreach (var name in new[] { "a.mp4", "a.mov" })
        {
            await using var writer = services.CreateWriter(Path.Combine(folder, name), spec);
            await writer.WriteAsync(VideoFrame.Create(64, 36, FramePixelFormat.Rgb24), CancellationToken.None);
            await writer.WriteAsync(VideoFrame.Create(64, 36, FramePixelFormat.Rgb24), CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal("h264", (await services.ProbeAsync(Path.Combine(folder, "a.mp4"), CancellationToken.None)).VideoCodec);
        Assert.Equal("prores", (await services.ProbeAsync(Path.Combine(folder, "a.mov"), CancellationToken.None)).VideoCodec);
        Assert.Throws<ArgumentException>(() => services.CreateWriter(Path.Combine(folder, "a.avi"), spec));
    }

    [Fact]
    public async Task Retime_gives_the_exact_frame_count()
    {
        var path = Path.Combine(media.NewScratch(), "slow.mov");
        var spec = new VideoWriteSpec { Size = MediaFixture.Size, Rate = MediaFixture.Rate, FrameCount = 31 };

        await Services.RetimeAsync(media.Pan, 4, 12, spec, InterpolationQuality.Blend, path, null, CancellationToken.None);

        await media.AssertShapeAsync(path, MediaFixture.Size, 31);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task InterpolateBetween_gives_exactly_the_frames_asked_from_the_first_still_to_the_last(int frames)
    {
        var path = Path.Combine(media.NewScratch(), "between.mov");
        var spec = new VideoWriteSpec { Size = MediaFixture.Size, Rate = MediaFixture.Rate, FrameCount = frames };

        await Services.InterpolateBetweenAsync(media.FirstStill, media.LastStill, spec, InterpolationQuality.Blend, path, null, CancellationToken.None);

        await media.AssertShapeAsync(path, MediaFixture.Size, frames);
        var output = await Pictures.ReadAsync(Services, path, 0, frames);
        Pictures.AssertClose(await Pictures.ReadOneAsync(Services, media.FirstStill, 0), output[0], 3, "first frame");
        if (frames > 1)
        {
            Pictures.AssertClose(await Pictures.ReadOneAsync(Services, media.LastStill, 0), output[^1], 3, "last frame");
        }
    }

    [Fact]
    public async Task ExtendAudio_is_sample_exact_and_continues_the_tail_without_a_click()
    {
        var wav = Path.Combine(media.NewScratch(), "tail.wav");

        // 24 frames at 24000/1001 after the first 12 frames (audio-only source: frames counted at the given rate).
        await Services.ExtendAudioAsync(media.Tone, 0, 12, 24, MediaFixture.Rate, atHead: false, wav, CancellationToken.None);

        var description = await Services.ProbeAsync(wav, CancellationToken.None);
        Assert.Equal(48000, description.AudioSampleRate);
        Assert.Equal(2, description.AudioChannels);
        Assert.Equal(48048, description.AudioSampleCount);
        var source = ReadPcm24(media.Tone);
        var tone = ReadPcm24(wav);
        var lastUsed = source[(24024 - 1) * 2];
        Assert.InRange(tone[0] - lastUsed, -0.01, 0.01);
        Assert.True(tone.Max() > 0.05, "the tone is not silence");
    }

    [Fact]
    public async Task ExtendAudio_at_the_head_ends_next_to_the_first_used_sample()
    {
        var wav = Path.Combine(media.NewScratch(), "head.wav");

        await Services.ExtendAudioAsync(media.Tone, 6, 12, 5, MediaFixture.Rate, atHead: true, wav, CancellationToken.None);

        var tone = ReadPcm24(wav);
        Assert.Equal(5 * 2002 * 2, tone.Length);
        var firstUsed = ReadPcm24(media.Tone)[6 * 2002 * 2];
        Assert.InRange(tone[^2] - firstUsed, -0.01, 0.01);
    }

    [Fact]
    public async Task ExtendAudio_without_audio_says_so()
    {
        var error = await Assert.ThrowsAsync<PluginException>(() =>
            Services.ExtendAudioAsync(media.Pan, 0, 12, 24, MediaFixture.Rate, false, Path.Combine(media.NewScratch(), "x.wav"), CancellationToken.None));

        Assert.Equal("MEDIA.INVALID_MEDIA", error.Code);
        Assert.Contains("no audio", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Interleaved samples of a 24-bit PCM WAV with a 44-byte header, as −1..1.</summary>
    private static double[] ReadPcm24(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var samples = new double[(bytes.Length - 44) / 3];
        for (var i = 0; i < samples.Length; i++)
        {
            var p = 44 + (i * 3);
            var value = (bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16)) << 8 >> 8;
            samples[i] = value / 8388608.0;
        }

        return samples;
    }
}
