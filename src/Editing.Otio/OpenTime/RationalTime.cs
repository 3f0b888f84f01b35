using System.Globalization;

namespace Editing.Otio.OpenTime;

/// <summary>
/// A point in time (or a duration) as OTIO's <c>opentime::RationalTime</c>: a <see cref="Value"/> counted in units of
/// 1/<see cref="Rate"/> seconds. Both are plain doubles and nothing is normalised, so 23.976, 24000/1001 and
/// 23.976024627685547 are three distinct rates. The default value is 0 at rate 1, as in the reference library.
/// </summary>
/// <remarks>
/// All arithmetic follows the reference library bit for bit (same operations in the same order), so results compare
/// exactly with OTIO's. Examples: 1@24 + 1@48 = 3@48 (result at the larger rate); 1@24 == 2@48;
/// 1@24 != 1.0000000001@24.
/// </remarks>
public readonly partial struct RationalTime : IEquatable<RationalTime>, IComparable<RationalTime>
{
    // The rate is stored as its bit pattern XOR the bit pattern of 1.0, so that default(RationalTime) reads as rate 1
    // (OTIO's default) while every double, NaN payloads and -0 included, round-trips exactly.
    private const long OneBits = 0x3FF0000000000000;

    private readonly double _value;
    private readonly long _rateBits;

    /// <summary>Creates a time of <paramref name="value"/> units of 1/<paramref name="rate"/> seconds.</summary>
    /// <param name="value">The count of units (frames, samples, ...); need not be integral.</param>
    /// <param name="rate">Units per second; ≤ 0 or NaN makes an invalid time.</param>
    public RationalTime(double value = 0, double rate = 1)
    {
        _value = value;
        _rateBits = BitConverter.DoubleToInt64Bits(rate) ^ OneBits;
    }

    /// <summary>The count of units.</summary>
    public double Value => _value;

    /// <summary>Units per second.</summary>
    public double Rate => BitConverter.Int64BitsToDouble(_rateBits ^ OneBits);

    /// <summary>True when the value or rate is NaN, or the rate is ≤ 0.</summary>
    public bool IsInvalidTime
    {
        get
        {
            var rate = Rate;
            return double.IsNaN(rate) || double.IsNaN(_value) || rate <= 0;
        }
    }

    /// <summary>
    /// The value expressed at <paramref name="rate"/>: the value itself when the rates are exactly equal, else
    /// value × rate / own rate (multiplication first, e.g. 1@24 → 48 gives 1 × 48 / 24 = 2). A target rate ≤ 0 gives 0
    /// (the current reference behaviour; release 0.18.1 divided instead).
    /// </summary>
    public double ValueRescaledTo(double rate)
    {
        if (rate <= 0)
        {
            return 0;
        }
        var ownRate = Rate;
        return rate == ownRate ? _value : (_value * rate) / ownRate;
    }

    /// <summary>The value expressed at <paramref name="other"/>'s rate (see <see cref="ValueRescaledTo(double)"/>).</summary>
    public double ValueRescaledTo(RationalTime other) => ValueRescaledTo(other.Rate);

    /// <summary>This time at <paramref name="rate"/>: (<see cref="ValueRescaledTo(double)"/>, rate).</summary>
    public RationalTime RescaledTo(double rate) => new(ValueRescaledTo(rate), rate);

    /// <summary>This time at <paramref name="other"/>'s rate.</summary>
    public RationalTime RescaledTo(RationalTime other) => RescaledTo(other.Rate);

    /// <summary>
    /// Whether this time, rescaled to <paramref name="other"/>'s rate, is within <paramref name="delta"/> of its value:
    /// |value_rescaled_to(other.rate) − other.value| ≤ delta.
    /// </summary>
    public bool AlmostEqual(RationalTime other, double delta = 0) =>
        Math.Abs(ValueRescaledTo(other.Rate) - other._value) <= delta;

    /// <summary>Whether value and rate are each exactly equal (1@24 is not strictly equal to 2@48).</summary>
    public bool StrictlyEqual(RationalTime other) => _value == other._value && Rate == other.Rate;

    /// <summary>The largest integral value not above this one, at the same rate (2.7@24 → 2@24, −2.5@24 → −3@24).</summary>
    public RationalTime Floor() => new(Math.Floor(_value), Rate);

    /// <summary>The smallest integral value not below this one, at the same rate (2.1@24 → 3@24).</summary>
    public RationalTime Ceil() => new(Math.Ceiling(_value), Rate);

    /// <summary>The nearest integral value, halves away from zero as <c>std::round</c> (2.5@24 → 3@24, −2.5 → −3).</summary>
    public RationalTime Round() => new(OpenTimeText.RoundHalfAway(_value), Rate);

    /// <summary>The value truncated toward zero (10.9@24 → 10, −1.5@24 → −1).</summary>
    public long ToFrames() => (long)_value;

    /// <summary>The value rescaled to <paramref name="rate"/>, truncated toward zero (1.9@24 at 48 → 3.8 → 3).</summary>
    public long ToFrames(double rate) => (long)ValueRescaledTo(rate);

    /// <summary>The time in seconds: the value rescaled to rate 1 (1@24 → 0.041666…; 1001@30000/1001 → 33.4).</summary>
    public double ToSeconds() => ValueRescaledTo(1);

    /// <summary>A time of whole frames: <paramref name="frame"/> truncated toward zero (2.9 → 2), at <paramref name="rate"/>.</summary>
    public static RationalTime FromFrames(double frame, double rate) => new(Math.Truncate(frame), rate);

    /// <summary>(seconds, 1) rescaled to <paramref name="rate"/>: 1.5 s at 24 → 36@24.</summary>
    public static RationalTime FromSeconds(double seconds, double rate) => new RationalTime(seconds, 1).RescaledTo(rate);

    /// <summary>(seconds, 1).</summary>
    public static RationalTime FromSeconds(double seconds) => new(seconds, 1);

    /// <summary>
    /// The duration from <paramref name="start"/> to <paramref name="endExclusive"/>, at the start's rate:
    /// (end rescaled to start.rate − start.value). 10@24 → 20@24 gives 10@24; 1@24 → 1@48 gives −0.5@24.
    /// </summary>
    public static RationalTime DurationFromStartEndTime(RationalTime start, RationalTime endExclusive)
    {
        var startRate = start.Rate;
        return startRate == endExclusive.Rate
            ? new RationalTime(endExclusive._value - start._value, startRate)
            : new RationalTime(endExclusive.ValueRescaledTo(startRate) - start._value, startRate);
    }

    /// <summary>
    /// The duration from <paramref name="start"/> through <paramref name="endInclusive"/>: one more unit than
    /// <see cref="DurationFromStartEndTime"/> (10@24 → 19@24 gives 10@24).
    /// </summary>
    public static RationalTime DurationFromStartEndTimeInclusive(RationalTime start, RationalTime endInclusive)
    {
        var startRate = start.Rate;
        return startRate == endInclusive.Rate
            ? new RationalTime(endInclusive._value - start._value + 1, startRate)
            : new RationalTime(endInclusive.ValueRescaledTo(startRate) - start._value + 1, startRate);
    }

    /// <summary>
    /// Sum at the larger rate, ties to the left operand: the other operand is rescaled first.
    /// 1@24 + 1@48 = (2 + 1)@48 = 3@48; 10@25 + 12@30 = 24@30.
    /// </summary>
    public static RationalTime operator +(RationalTime left, RationalTime right)
    {
        var lr = left.Rate;
        var rr = right.Rate;
        return lr < rr
            ? new RationalTime(left.ValueRescaledTo(rr) + right._value, rr)
            : new RationalTime(right.ValueRescaledTo(lr) + left._value, lr);
    }

    /// <summary>Difference at the larger rate, ties to the left operand: 1@24 − 1@48 = (2 − 1)@48 = 1@48.</summary>
    public static RationalTime operator -(RationalTime left, RationalTime right)
    {
        var lr = left.Rate;
        var rr = right.Rate;
        return lr < rr
            ? new RationalTime(left.ValueRescaledTo(rr) - right._value, rr)
            : new RationalTime(left._value - right.ValueRescaledTo(lr), lr);
    }

    /// <summary>The value negated, same rate.</summary>
    public static RationalTime operator -(RationalTime time) => new(-time._value, time.Rate);

    /// <summary>Whether <paramref name="left"/> is later: value/rate compared in seconds.</summary>
    public static bool operator >(RationalTime left, RationalTime right) =>
        left._value / left.Rate > right._value / right.Rate;

    /// <summary>Whether <paramref name="left"/> is not earlier, in seconds.</summary>
    public static bool operator >=(RationalTime left, RationalTime right) =>
        left._value / left.Rate >= right._value / right.Rate;

    /// <summary>Whether <paramref name="left"/> is earlier: defined, as in OTIO, as not (left ≥ right).</summary>
    public static bool operator <(RationalTime left, RationalTime right) => !(left >= right);

    /// <summary>Whether <paramref name="left"/> is not later: defined, as in OTIO, as not (left &gt; right).</summary>
    public static bool operator <=(RationalTime left, RationalTime right) => !(left > right);

    /// <summary>
    /// OTIO's exact equality: <c>left.ValueRescaledTo(right.Rate) == right.Value</c>, so 1@24 == 2@48 but
    /// 1@24 != 1.0000000001@24. Not symmetric in every last bit; use <see cref="StrictlyEqual"/> to compare fields.
    /// </summary>
    public static bool operator ==(RationalTime left, RationalTime right) =>
        left.ValueRescaledTo(right.Rate) == right._value;

    /// <summary>The negation of <c>==</c>.</summary>
    public static bool operator !=(RationalTime left, RationalTime right) => !(left == right);

    /// <summary>The same as <c>==</c> (OTIO's rescaled equality).</summary>
    public bool Equals(RationalTime other) => this == other;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RationalTime other && this == other;

    /// <summary>
    /// A hash of the time in seconds: equal for times whose value/rate ratios are the same rational number
    /// (1@24 and 2@48). Times that are <c>==</c> only through rounding may hash differently.
    /// </summary>
    public override int GetHashCode()
    {
        var seconds = _value / Rate;
        return seconds == 0 ? 0 : seconds.GetHashCode();
    }

    /// <summary>Orders by time in seconds (value/rate), consistent with the comparison operators for non-NaN times.</summary>
    public int CompareTo(RationalTime other) => (_value / Rate).CompareTo(other._value / other.Rate);

    /// <summary>For example <c>RationalTime(24, 24)</c>; numbers in shortest round-trip form.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"RationalTime({_value:R}, {Rate:R})");
}
