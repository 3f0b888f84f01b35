namespace Editing.Media.Tests;

public sealed class FrameRateTests
{
    [Theory]
    [InlineData("24000/1001", 24000, 1001)]
    [InlineData("23.976", 24000, 1001)]
    [InlineData("23.98", 24000, 1001)]
    [InlineData("29.97", 30000, 1001)]
    [InlineData("59.94", 60000, 1001)]
    [InlineData("24", 24, 1)]
    [InlineData("25/1", 25, 1)]
    [InlineData("50/2", 25, 1)]
    [InlineData("12.5", 25, 2)]
    [InlineData(" 30 ", 30, 1)]
    public void Parse_keeps_rates_exact(string text, int numerator, int denominator)
    {
        var rate = FrameRate.Parse(text);

        Assert.Equal(numerator, rate.Numerator);
        Assert.Equal(denominator, rate.Denominator);
    }

    [Theory]
    [InlineData("0/0")]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-24")]
    [InlineData("24/0")]
    public void TryParse_refuses_non_rates(string text)
    {
        Assert.False(FrameRate.TryParse(text, out _));
        Assert.Throws<FormatException>(() => FrameRate.Parse(text));
    }

    [Fact]
    public void ToString_is_the_exact_fraction()
    {
        Assert.Equal("24000/1001", FrameRate.Parse("23.976").ToString());
        Assert.Equal("25/1", FrameRate.Fps25.ToString());
    }

    [Fact]
    public void Equal_rates_compare_equal_after_reduction()
    {
        Assert.Equal(new FrameRate(48, 2), FrameRate.Fps24);
        Assert.NotEqual(FrameRate.Fps23_976, FrameRate.Fps24);
    }

    [Theory]
    [InlineData(120, 240240)]
    [InlineData(24, 48048)]
    [InlineData(12, 24024)]
    [InlineData(0, 0)]
    public void FramesToSamples_at_23_976_and_48k_is_exact(long frames, long samples)
    {
        Assert.Equal(samples, FrameRate.Fps23_976.FramesToSamples(frames, 48000));
    }

    [Fact]
    public void FramesToSamples_rounds_to_nearest_sample()
    {
        // 1 frame at 29.97 = 1601.6 samples; 5 frames = 8008 exactly.
        Assert.Equal(1602, FrameRate.Fps29_97.FramesToSamples(1, 48000));
        Assert.Equal(8008, FrameRate.Fps29_97.FramesToSamples(5, 48000));
        Assert.Equal(1920, FrameRate.Fps25.FramesToSamples(1, 48000));
    }

    [Fact]
    public void FramesToSamples_does_not_overflow_for_long_durations()
    {
        // 24 hours at 23.976 at 192 kHz.
        var frames = 24L * 3600 * 24;
        Assert.Equal(frames * 8008, FrameRate.Fps23_976.FramesToSamples(frames, 192000));
    }

    [Fact]
    public void Timecode_base_rounds_the_rate_up()
    {
        Assert.Equal(24, FrameRate.Fps23_976.TimecodeBase);
        Assert.Equal(30, FrameRate.Fps29_97.TimecodeBase);
        Assert.Equal(25, FrameRate.Fps25.TimecodeBase);
    }

    [Fact]
    public void FramesToMicroseconds_gives_exact_frame_times()
    {
        Assert.Equal(500_500, FrameRate.Fps23_976.FramesToMicroseconds(12));
        Assert.Equal(5_005_000, FrameRate.Fps23_976.FramesToMicroseconds(120));
    }
}
