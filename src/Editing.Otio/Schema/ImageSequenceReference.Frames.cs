using System.Globalization;
using Editing.Otio.Algorithms;
using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>Frame numbers, image URLs and presentation times of image sequences (otio-format.md §8.10).</summary>
public partial class ImageSequenceReference
{
    /// <summary>The time one image lasts: <see cref="FrameStep"/> at <see cref="Rate"/>.</summary>
    public RationalTime FrameDuration() => new(FrameStep, Rate);

    /// <summary>
    /// The number of the last image (inclusive): <see cref="StartFrame"/> + the available duration in whole frames at
    /// <see cref="Rate"/> − 1; <see cref="StartFrame"/> without an available range. Example: start 1001, 50 frames at
    /// 24 → 1050.
    /// </summary>
    public long EndFrame()
    {
        if (AvailableRange is not { } range)
        {
            return StartFrame;
        }
        return StartFrame + range.Duration.ToFrames(Rate) - 1;
    }

    /// <summary>
    /// How many images the available range covers: its duration in whole frames at <see cref="Rate"/> /
    /// <see cref="FrameStep"/> (truncated); 0 without an available range.
    /// </summary>
    public long NumberOfImagesInSequence()
    {
        if (AvailableRange is not { } range)
        {
            return 0;
        }
        return range.Duration.ToFrames(Rate / FrameStep);
    }

    /// <summary>
    /// The image number shown at <paramref name="time"/> (in the media's time frame, the frame of
    /// <see cref="MediaReference.AvailableRange"/>): <see cref="StartFrame"/> + (time − available start) in whole frames
    /// at <see cref="Rate"/>.
    /// </summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.InvalidTimeRange"/> without an available range or when it does not contain <paramref name="time"/>.</exception>
    public long FrameForTime(RationalTime time)
    {
        if (AvailableRange is not { } range || !range.Contains(time))
        {
            throw ReferenceErrors.Create(OtioErrorKind.InvalidTimeRange);
        }
        return StartFrame + (time - range.StartTime).ToFrames(Rate);
    }

    /// <summary>
    /// The URL of the image with index <paramref name="imageNumber"/> (0 is the first image): the base, a <c>/</c> unless
    /// the base is empty or already ends with one, the prefix, then the file number
    /// <see cref="StartFrame"/> + index × <see cref="FrameStep"/> zero-padded to <see cref="FrameZeroPadding"/> digits
    /// with a minus sign put in front of the padding (<c>-0005</c>), then the suffix.
    /// </summary>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.IllegalIndex"/> for rate 0, no or a zero-length available range, or an index not below
    /// <see cref="NumberOfImagesInSequence"/>.
    /// </exception>
    public string TargetUrlForImageNumber(long imageNumber)
    {
        if (Rate == 0)
        {
            throw ReferenceErrors.Create(OtioErrorKind.IllegalIndex, ReferenceErrors.ZeroRateSequence);
        }
        if (AvailableRange is not { } range || range.Duration.Value == 0)
        {
            throw ReferenceErrors.Create(OtioErrorKind.IllegalIndex, ReferenceErrors.ZeroDurationSequence);
        }
        if (imageNumber >= NumberOfImagesInSequence())
        {
            throw ReferenceErrors.Create(OtioErrorKind.IllegalIndex);
        }
        var fileNumber = StartFrame + (imageNumber * FrameStep);
        var negative = fileNumber < 0;
        var magnitude = negative ? (ulong)(-(fileNumber + 1)) + 1 : (ulong)fileNumber;
        var digits = magnitude.ToString(CultureInfo.InvariantCulture);
        var padding = FrameZeroPadding > digits.Length ? new string('0', (int)(FrameZeroPadding - digits.Length)) : string.Empty;
        var separator = TargetUrlBase.Length > 0 && !TargetUrlBase.EndsWith('/') ? "/" : string.Empty;
        return string.Concat(TargetUrlBase, separator, NamePrefix, negative ? "-" : string.Empty, padding + digits, NameSuffix);
    }

    /// <summary>
    /// When the image with index <paramref name="imageNumber"/> is presented, in the media's time frame: available start
    /// + index × <see cref="FrameDuration"/>, at <see cref="Rate"/>.
    /// </summary>
    /// <exception cref="OtioException"><see cref="OtioErrorKind.IllegalIndex"/> for an index not below <see cref="NumberOfImagesInSequence"/> or without an available range.</exception>
    public RationalTime PresentationTimeForImageNumber(long imageNumber)
    {
        if (imageNumber >= NumberOfImagesInSequence() || AvailableRange is not { } range)
        {
            throw ReferenceErrors.Create(OtioErrorKind.IllegalIndex);
        }
        return new TimeTransform(range.StartTime, imageNumber, -1).AppliedTo(FrameDuration());
    }
}
