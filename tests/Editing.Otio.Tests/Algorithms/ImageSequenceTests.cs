using Editing.Otio.Schema;
using static Editing.Otio.Tests.Algorithms.AlgorithmTestData;

namespace Editing.Otio.Tests.Algorithms;

public sealed class ImageSequenceTests
{
    private static ImageSequenceReference Sequence(long startFrame, long step = 1, long padding = 4, string urlBase = "file:///show/seq")
        => new()
        {
            TargetUrlBase = urlBase,
            NamePrefix = "img.",
            NameSuffix = ".exr",
            StartFrame = startFrame,
            FrameStep = step,
            Rate = 24,
            FrameZeroPadding = padding,
            AvailableRange = R(0, 10),
        };

    [Fact]
    public void Negative_frame_numbers_are_padded_after_the_sign()
    {
        var seq = Sequence(-5);
        Assert.Equal("file:///show/seq/img.-0005.exr", seq.TargetUrlForImageNumber(0));
        Assert.Equal("file:///show/seq/img.-0001.exr", seq.TargetUrlForImageNumber(4));
        Assert.Equal("file:///show/seq/img.0000.exr", seq.TargetUrlForImageNumber(5));
        Assert.Equal("file:///show/seq/img.0004.exr", seq.TargetUrlForImageNumber(9));
        Assert.Equal("file:///show/seq/img.-123.exr", Sequence(-123, padding: 2).TargetUrlForImageNumber(0));
    }

    [Fact]
    public void A_slash_is_added_only_when_the_base_lacks_one()
    {
        Assert.Equal("file:///show/seq/img.0001.exr", Sequence(1, urlBase: "file:///show/seq/").TargetUrlForImageNumber(0));
        Assert.Equal("img.0001.exr", Sequence(1, urlBase: string.Empty).TargetUrlForImageNumber(0));
    }

    [Fact]
    public void Frame_counts_steps_and_times()
    {
        var seq = Sequence(-5);
        Assert.Equal(4, seq.EndFrame());
        Assert.Equal(10, seq.NumberOfImagesInSequence());
        Assert.Equal(-2, seq.FrameForTime(T(3)));
        AssertTime(2, 24, seq.PresentationTimeForImageNumber(2));

        var stepped = Sequence(-5, step: 2);
        Assert.Equal(5, stepped.NumberOfImagesInSequence());
        Assert.Equal("file:///show/seq/img.-0003.exr", stepped.TargetUrlForImageNumber(1));
        AssertTime(4, 24, stepped.PresentationTimeForImageNumber(2));
        Refused(OtioErrorKind.IllegalIndex, () => stepped.TargetUrlForImageNumber(5));
    }

    [Fact]
    public void Out_of_range_numbers_and_empty_sequences_are_refused()
    {
        var seq = Sequence(1);
        Refused(OtioErrorKind.IllegalIndex, () => seq.TargetUrlForImageNumber(10));
        Refused(OtioErrorKind.IllegalIndex, () => seq.PresentationTimeForImageNumber(10));
        Refused(OtioErrorKind.InvalidTimeRange, () => seq.FrameForTime(T(10)));

        seq.AvailableRange = R(0, 0);
        var e = Refused(OtioErrorKind.IllegalIndex, () => seq.TargetUrlForImageNumber(0));
        Assert.Equal("Zero duration sequences has no frames.", e.Message);

        seq.AvailableRange = null;
        Assert.Equal(1, seq.EndFrame());
        Assert.Equal(0, seq.NumberOfImagesInSequence());

        seq.Rate = 0;
        e = Refused(OtioErrorKind.IllegalIndex, () => seq.TargetUrlForImageNumber(0));
        Assert.Equal("Zero rate sequence has no frames.", e.Message);
    }
}
