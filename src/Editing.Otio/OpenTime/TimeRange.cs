namespace Editing.Otio.OpenTime;

/// <summary>
/// A span of time as OTIO's <c>opentime::TimeRange</c>: a <see cref="StartTime"/> and a <see cref="Duration"/>,
/// inclusive of the start and exclusive of the end. The default is (0@1, 0@1).
/// </summary>
/// <remarks>
/// The relations (<see cref="Contains(TimeRange, double)"/>, <see cref="Overlaps(TimeRange, double)"/>, ...) are
/// James F. Allen's interval relations computed in double seconds with a tolerance ε (default
/// <see cref="DefaultEpsilon"/>, half a sample at 192 kHz ≈ 2.6 µs): "a ≥ b + ε" stands for "a strictly after b",
/// |a − b| ≤ ε for "a equals b". They assume a non-negative duration.
/// </remarks>
public readonly struct TimeRange : IEquatable<TimeRange>
{
    /// <summary>The default tolerance of the relations, in seconds: 1 / (2 × 192000) ≈ 2.6 µs.</summary>
    public const double DefaultEpsilon = 1.0 / (2 * 192000.0);

    private readonly RationalTime _startTime;
    private readonly RationalTime _duration;

    /// <summary>Creates a range of <paramref name="duration"/> from <paramref name="startTime"/>.</summary>
    public TimeRange(RationalTime startTime, RationalTime duration)
    {
        _startTime = startTime;
        _duration = duration;
    }

    /// <summary>Creates an empty range at <paramref name="startTime"/> (duration 0 at the start's rate).</summary>
    public TimeRange(RationalTime startTime)
    {
        _startTime = startTime;
        _duration = new RationalTime(0, startTime.Rate);
    }

    /// <summary>The first time in the range.</summary>
    public RationalTime StartTime => _startTime;

    /// <summary>The length of the range.</summary>
    public RationalTime Duration => _duration;

    /// <summary>True when the start or duration is an invalid time, or the duration is negative.</summary>
    public bool IsInvalidRange => _startTime.IsInvalidTime || _duration.IsInvalidTime || _duration.Value < 0.0;

    /// <summary>
    /// The first time after the range, at the duration's rate: duration + start rescaled to it.
    /// (1@24, 1@48) → 1@48 + 2@48 = 3@48.
    /// </summary>
    public RationalTime EndTimeExclusive() => _duration + _startTime.RescaledTo(_duration);

    /// <summary>
    /// The last time in the range. If the range spans more than one unit of the duration's rate: for an integral
    /// duration, end exclusive − 1 unit ((0@24, 10@24) → 9@24); for a fractional one, the floor of end exclusive
    /// ((0@24, 10.5@24) → 10@24). Otherwise the start time ((1@24, 1@24) → 1@24; (1@24, 1@48) → 1@24).
    /// </summary>
    public RationalTime EndTimeInclusive()
    {
        var et = EndTimeExclusive();
        if ((et - _startTime.RescaledTo(_duration)).Value > 1)
        {
            return _duration.Value != Math.Floor(_duration.Value)
                ? et.Floor()
                : et - new RationalTime(1, _duration.Rate);
        }
        return _startTime;
    }

    /// <summary>The same start with <paramref name="other"/> added to the duration (rate rule of +).</summary>
    public TimeRange DurationExtendedBy(RationalTime other) => new(_startTime, _duration + other);

    /// <summary>
    /// The smallest range covering both: from the earlier start to the later exclusive end, duration at the new
    /// start's rate. (1@24, 1@48) extended by (1@48, 1@24) → (1@48, 2@48).
    /// </summary>
    public TimeRange ExtendedBy(TimeRange other)
    {
        var newStart = Min(_startTime, other._startTime);
        var newEnd = Max(EndTimeExclusive(), other.EndTimeExclusive());
        return new TimeRange(newStart, RationalTime.DurationFromStartEndTime(newStart, newEnd));
    }

    /// <summary>
    /// <paramref name="other"/> limited to [start, <see cref="EndTimeInclusive"/>]: min(max(t, start), end inclusive).
    /// </summary>
    public RationalTime Clamped(RationalTime other) => Min(Max(other, _startTime), EndTimeInclusive());

    /// <summary>
    /// <paramref name="other"/> cut to this range: start max(other.start, start), end min(other's end exclusive
    /// computed from that start, this end exclusive). (1@24, 1@48) clamping (1@48, 1@24) → (1@24, 1@48).
    /// </summary>
    public TimeRange Clamped(TimeRange other)
    {
        var r = new TimeRange(Max(other._startTime, _startTime), other._duration);
        var end = Min(r.EndTimeExclusive(), EndTimeExclusive());
        return new TimeRange(r._startTime, end - r._startTime);
    }

    /// <summary>Whether start ≤ <paramref name="other"/> &lt; end exclusive (no tolerance).</summary>
    public bool Contains(RationalTime other) => _startTime <= other && other < EndTimeExclusive();

    /// <summary>
    /// Whether <paramref name="other"/> lies strictly inside: it starts at least ε after this start and ends at least ε
    /// before this end. A range does not contain itself.
    /// </summary>
    public bool Contains(TimeRange other, double epsilon = DefaultEpsilon)
    {
        var thisStart = _startTime.ToSeconds();
        var thisEnd = EndTimeExclusive().ToSeconds();
        var otherStart = other._startTime.ToSeconds();
        var otherEnd = other.EndTimeExclusive().ToSeconds();
        return GreaterThan(otherStart, thisStart, epsilon) && LesserThan(otherEnd, thisEnd, epsilon);
    }

    /// <summary>The same as <see cref="Contains(RationalTime)"/>.</summary>
    public bool Overlaps(RationalTime other) => Contains(other);

    /// <summary>
    /// Whether this range starts first (by ≥ ε) and ends inside <paramref name="other"/>: this start + ε ≤ other
    /// start, other start + ε ≤ this end, this end + ε ≤ other end. Not symmetric.
    /// </summary>
    public bool Overlaps(TimeRange other, double epsilon = DefaultEpsilon)
    {
        var thisStart = _startTime.ToSeconds();
        var thisEnd = EndTimeExclusive().ToSeconds();
        var otherStart = other._startTime.ToSeconds();
        var otherEnd = other.EndTimeExclusive().ToSeconds();
        return LesserThan(thisStart, otherStart, epsilon)
               && GreaterThan(thisEnd, otherStart, epsilon)
               && GreaterThan(otherEnd, thisEnd, epsilon);
    }

    /// <summary>Whether the ranges share more than ε: other end − this start ≥ ε and this end − other start ≥ ε.</summary>
    public bool Intersects(TimeRange other, double epsilon = DefaultEpsilon)
    {
        var thisStart = _startTime.ToSeconds();
        var thisEnd = EndTimeExclusive().ToSeconds();
        var otherStart = other._startTime.ToSeconds();
        var otherEnd = other.EndTimeExclusive().ToSeconds();
        return LesserThan(thisStart, otherEnd, epsilon) && GreaterThan(thisEnd, otherStart, epsilon);
    }

    /// <summary>Whether this range ends at least ε before <paramref name="other"/> starts.</summary>
    public bool Before(TimeRange other, double epsilon = DefaultEpsilon)
    {
        var thisEnd = EndTimeExclusive().ToSeconds();
        var otherStart = other._startTime.ToSeconds();
        return GreaterThan(otherStart, thisEnd, epsilon);
    }

    /// <summary>Whether this range ends at least ε before <paramref name="other"/>.</summary>
    public bool Before(RationalTime other, double epsilon = DefaultEpsilon)
    {
        var thisEnd = EndTimeExclusive().ToSeconds();
        var otherTime = other.ToSeconds();
        return LesserThan(thisEnd, otherTime, epsilon);
    }

    /// <summary>Whether <paramref name="other"/> starts where this one ends: 0 ≤ other start − this end ≤ ε.</summary>
    public bool Meets(TimeRange other, double epsilon = DefaultEpsilon)
    {
        var thisEnd = EndTimeExclusive().ToSeconds();
        var otherStart = other._startTime.ToSeconds();
        return otherStart - thisEnd <= epsilon && otherStart - thisEnd >= 0;
    }

    /// <summary>
    /// Whether both start together (|Δ| ≤ ε) and this one ends at least ε before <paramref name="other"/> ends.
    /// </summary>
    public bool Begins(TimeRange other, double epsilon = DefaultEpsilon)
    {
        var thisStart = _startTime.ToSeconds();
        var thisEnd = EndTimeExclusive().ToSeconds();
        var otherStart = other._startTime.ToSeconds();
        var otherEnd = other.EndTimeExclusive().ToSeconds();
        return Math.Abs(otherStart - thisStart) <= epsilon && LesserThan(thisEnd, otherEnd, epsilon);
    }

    /// <summary>Whether this range starts at <paramref name="other"/>, within ε.</summary>
    public bool Begins(RationalTime other, double epsilon = DefaultEpsilon)
    {
        var thisStart = _startTime.ToSeconds();
        var otherStart = other.ToSeconds();
        return Math.Abs(otherStart - thisStart) <= epsilon;
    }

    /// <summary>
    /// Whether both end together (|Δ| ≤ ε) and this one starts at least ε after <paramref name="other"/> starts.
    /// </summary>
    public bool Finishes(TimeRange other, double epsilon = DefaultEpsilon)
    {
        var thisStart = _startTime.ToSeconds();
        var thisEnd = EndTimeExclusive().ToSeconds();
        var otherStart = other._startTime.ToSeconds();
        var otherEnd = other.EndTimeExclusive().ToSeconds();
        return Math.Abs(thisEnd - otherEnd) <= epsilon && GreaterThan(thisStart, otherStart, epsilon);
    }

    /// <summary>Whether this range's exclusive end is at <paramref name="other"/>, within ε.</summary>
    public bool Finishes(RationalTime other, double epsilon = DefaultEpsilon)
    {
        var thisEnd = EndTimeExclusive().ToSeconds();
        var otherEnd = other.ToSeconds();
        return Math.Abs(thisEnd - otherEnd) <= epsilon;
    }

    /// <summary>
    /// OTIO's range equality: the start difference and the duration difference (each by RationalTime subtraction)
    /// are both under <see cref="DefaultEpsilon"/> seconds. (10@25, 12@30) == (12@30, 10@25).
    /// </summary>
    public static bool operator ==(TimeRange left, TimeRange right)
    {
        var start = left._startTime - right._startTime;
        var duration = left._duration - right._duration;
        return Math.Abs(start.ToSeconds()) < DefaultEpsilon && Math.Abs(duration.ToSeconds()) < DefaultEpsilon;
    }

    /// <summary>The negation of <c>==</c>.</summary>
    public static bool operator !=(TimeRange left, TimeRange right) => !(left == right);

    /// <summary>The same as <c>==</c> (equal within <see cref="DefaultEpsilon"/>).</summary>
    public bool Equals(TimeRange other) => this == other;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TimeRange other && this == other;

    /// <summary>
    /// A hash of start and duration in seconds: the same for ranges whose times are exactly the same rationals.
    /// Ranges equal only within ε may hash differently.
    /// </summary>
    public override int GetHashCode() => HashCode.Combine(_startTime, _duration);

    /// <summary>A range from <paramref name="startTime"/> up to (excluding) <paramref name="endTimeExclusive"/>, at the start's rate.</summary>
    public static TimeRange RangeFromStartEndTime(RationalTime startTime, RationalTime endTimeExclusive) =>
        new(startTime, RationalTime.DurationFromStartEndTime(startTime, endTimeExclusive));

    /// <summary>A range from <paramref name="startTime"/> through <paramref name="endTimeInclusive"/> (one more unit).</summary>
    public static TimeRange RangeFromStartEndTimeInclusive(RationalTime startTime, RationalTime endTimeInclusive) =>
        new(startTime, RationalTime.DurationFromStartEndTimeInclusive(startTime, endTimeInclusive));

    /// <summary>For example <c>TimeRange(RationalTime(0, 24), RationalTime(10, 24))</c>.</summary>
    public override string ToString() => $"TimeRange({_startTime}, {_duration})";

    // std::min(a, b) is (b < a) ? b : a and std::max(a, b) is (a < b) ? b : a: ties keep the first argument (and its rate).
    private static RationalTime Min(RationalTime a, RationalTime b) => b < a ? b : a;

    private static RationalTime Max(RationalTime a, RationalTime b) => a < b ? b : a;

    private static bool GreaterThan(double lhs, double rhs, double epsilon) => lhs - rhs >= epsilon;

    private static bool LesserThan(double lhs, double rhs, double epsilon) => rhs - lhs >= epsilon;
}
