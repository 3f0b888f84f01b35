using System.Globalization;

namespace Editing.Otio.OpenTime;

/// <summary>
/// A one-dimensional time transform as OTIO's <c>opentime::TimeTransform</c>: scale, then offset, then (when
/// <see cref="Rate"/> &gt; 0) rescale. The default is offset 0@1, scale 1, rate −1 ("keep the input's rate").
/// </summary>
public readonly struct TimeTransform : IEquatable<TimeTransform>
{
    // Stored as bit patterns XOR those of the defaults, so default(TimeTransform) is (0@1, 1, -1) like the
    // reference's default constructor, with every double round-tripping exactly.
    private const long OneBits = 0x3FF0000000000000;
    private const long MinusOneBits = unchecked((long)0xBFF0000000000000);

    private readonly RationalTime _offset;
    private readonly long _scaleBits;
    private readonly long _rateBits;

    /// <summary>Creates a transform.</summary>
    /// <param name="offset">Added after scaling (default 0@1).</param>
    /// <param name="scale">Multiplies the input's value (default 1).</param>
    /// <param name="rate">Rate of the output when &gt; 0; otherwise the input's rate is kept (default −1).</param>
    public TimeTransform(RationalTime offset = default, double scale = 1, double rate = -1)
    {
        _offset = offset;
        _scaleBits = BitConverter.DoubleToInt64Bits(scale) ^ OneBits;
        _rateBits = BitConverter.DoubleToInt64Bits(rate) ^ MinusOneBits;
    }

    /// <summary>Added after scaling.</summary>
    public RationalTime Offset => _offset;

    /// <summary>Multiplies the input's value.</summary>
    public double Scale => BitConverter.Int64BitsToDouble(_scaleBits ^ OneBits);

    /// <summary>The output rate when &gt; 0; otherwise the input's rate is kept.</summary>
    public double Rate => BitConverter.Int64BitsToDouble(_rateBits ^ MinusOneBits);

    /// <summary>
    /// (value × scale at the input's rate) + offset (rate rule of +), then rescaled to <see cref="Rate"/> if &gt; 0,
    /// else to the input's rate if &gt; 0. Offset 10@24, scale 2, rate −1 applied to 5@24 → 10@24 + 10@24 = 20@24.
    /// </summary>
    public RationalTime AppliedTo(RationalTime other)
    {
        var result = new RationalTime(other.Value * Scale, other.Rate) + _offset;
        var rate = Rate;
        var targetRate = rate > 0 ? rate : other.Rate;
        return targetRate > 0 ? result.RescaledTo(targetRate) : result;
    }

    /// <summary>The range between the transformed start and the transformed exclusive end.</summary>
    public TimeRange AppliedTo(TimeRange other) =>
        TimeRange.RangeFromStartEndTime(AppliedTo(other.StartTime), AppliedTo(other.EndTimeExclusive()));

    /// <summary>
    /// Composition: offsets add, scales multiply, rate = this rate if &gt; 0 else <paramref name="other"/>'s.
    /// </summary>
    public TimeTransform AppliedTo(TimeTransform other)
    {
        var rate = Rate;
        return new TimeTransform(_offset + other._offset, Scale * other.Scale, rate > 0 ? rate : other.Rate);
    }

    /// <summary>Equal offsets (RationalTime <c>==</c>) and exactly equal scale and rate.</summary>
    public static bool operator ==(TimeTransform left, TimeTransform right) =>
        left._offset == right._offset && left.Scale == right.Scale && left.Rate == right.Rate;

    /// <summary>The negation of <c>==</c>.</summary>
    public static bool operator !=(TimeTransform left, TimeTransform right) => !(left == right);

    /// <summary>The same as <c>==</c>.</summary>
    public bool Equals(TimeTransform other) => this == other;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TimeTransform other && this == other;

    /// <summary>A hash of offset (in seconds), scale and rate.</summary>
    public override int GetHashCode() => HashCode.Combine(_offset, Scale, Rate);

    /// <summary>For example <c>TimeTransform(RationalTime(0, 1), 1, -1)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"TimeTransform({_offset}, {Scale:R}, {Rate:R})");
}
