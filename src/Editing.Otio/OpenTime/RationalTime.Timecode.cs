using System.Diagnostics.CodeAnalysis;

namespace Editing.Otio.OpenTime;

// SMPTE timecode and time strings: the reference library's rationalTime.cpp, reproduced operation for operation.
public readonly partial struct RationalTime
{
    private const double Ntsc24 = 24000.0 / 1001.0; // 23.976023976023978
    private const double Ntsc30 = 30000.0 / 1001.0; // 29.97002997002997
    private const double Ntsc48 = 48000.0 / 1001.0; // 47.952047952047955
    private const double Ntsc60 = 60000.0 / 1001.0; // 59.94005994005994

    // The reference array is declared with 11 slots but lists 10 rates, so its last slot is 0.0: that is why
    // IsSmpteTimecodeRate(0) is true and why 0 can be the "nearest" rate for rates below 11.988.
    private static ReadOnlySpan<double> SmpteRates =>
        [Ntsc24, 24.0, 25.0, Ntsc30, 30.0, Ntsc48, 48.0, 50.0, Ntsc60, 60.0, 0.0];

    private static bool IsDropFrameTimecodeRate(double rate) => rate == Ntsc30 || rate == Ntsc60;

    /// <summary>
    /// Whether <paramref name="rate"/> is exactly one of the SMPTE ST 12-1 rates 24000/1001, 24, 25, 30000/1001, 30,
    /// 48000/1001, 48, 50, 60000/1001, 60 — or 0 (a quirk of the reference table). The literals 23.976, 29.97 and
    /// 59.94 are not.
    /// </summary>
    public static bool IsSmpteTimecodeRate(double rate)
    {
        foreach (var smpte in SmpteRates)
        {
            if (smpte == rate)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The SMPTE rate closest to <paramref name="rate"/> (first one on ties), 0 included as a candidate: 29.97 →
    /// 30000/1001, 12 → 24000/1001, 120 → 60, but 1 → 0 (and anything below 11.988 → 0). NaN and infinities give 0.
    /// </summary>
    public static double NearestSmpteTimecodeRate(double rate)
    {
        var nearest = 0.0;
        var minDiff = double.MaxValue;
        foreach (var smpte in SmpteRates)
        {
            if (smpte == rate)
            {
                return rate;
            }
            var diff = Math.Abs(rate - smpte);
            if (diff >= minDiff)
            {
                continue;
            }
            minDiff = diff;
            nearest = smpte;
        }
        return nearest;
    }

    /// <summary>
    /// SMPTE timecode <c>HH:MM:SS:FF</c> (drop-frame <c>HH:MM:SS;FF</c>) for this time counted at
    /// <paramref name="rate"/>. The rate is snapped to the nearest SMPTE rate when within 0.1 (so 23.976, 29.97 and
    /// 59.94 work); fractional frames are truncated and the clock wraps after 24 hours. Examples at 30000/1001
    /// drop-frame: 1799 → <c>00:00:59;29</c>, 1800 → <c>00:01:00;02</c>, 17982 → <c>00:10:00;00</c>.
    /// </summary>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.NegativeValue"/>, <see cref="OtioErrorKind.InvalidTimecodeRate"/> (no SMPTE rate
    /// within 0.1) or <see cref="OtioErrorKind.InvalidRateForDropFrameTimecode"/> (forced drop-frame at a rate without).
    /// </exception>
    public string ToTimecode(double rate, IsDropFrameRate dropFrame = IsDropFrameRate.InferFromRate) =>
        TryToTimecodeCore(rate, dropFrame, out var timecode, out var kind) ? timecode : throw OpenTimeText.Error(kind);

    /// <summary>SMPTE timecode at this time's own rate, drop-frame inferred from it.</summary>
    /// <exception cref="OtioException">As <see cref="ToTimecode(double, IsDropFrameRate)"/>.</exception>
    public string ToTimecode() => ToTimecode(Rate, IsDropFrameRate.InferFromRate);

    /// <summary>
    /// Like <see cref="ToTimecode(double, IsDropFrameRate)"/>, but the rate is first snapped to
    /// <see cref="NearestSmpteTimecodeRate"/> however far away it is (12 counts at 24000/1001, 120 at 60).
    /// </summary>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.NegativeValue"/> or <see cref="OtioErrorKind.InvalidRateForDropFrameTimecode"/>.
    /// </exception>
    public string ToNearestTimecode(double rate, IsDropFrameRate dropFrame = IsDropFrameRate.InferFromRate) =>
        ToTimecode(NearestSmpteTimecodeRate(rate), dropFrame);

    /// <summary>Non-throwing <see cref="ToTimecode(double, IsDropFrameRate)"/>.</summary>
    /// <param name="rate">The rate to count frames at.</param>
    /// <param name="dropFrame">Whether to write drop-frame timecode.</param>
    /// <param name="timecode">The timecode, or null on failure.</param>
    /// <param name="error">Null on success, else the refusal (with the reference library's message).</param>
    /// <returns>True on success.</returns>
    public bool TryToTimecode(
        double rate,
        IsDropFrameRate dropFrame,
        [NotNullWhen(true)] out string? timecode,
        [NotNullWhen(false)] out OtioException? error)
    {
        if (TryToTimecodeCore(rate, dropFrame, out timecode, out var kind))
        {
            error = null;
            return true;
        }
        timecode = null;
        error = OpenTimeText.Error(kind);
        return false;
    }

    /// <summary>Non-throwing, non-allocating-on-failure <see cref="ToTimecode(double, IsDropFrameRate)"/> with drop-frame inferred.</summary>
    /// <param name="rate">The rate to count frames at.</param>
    /// <param name="timecode">The timecode, or null on failure.</param>
    /// <returns>True on success.</returns>
    public bool TryToTimecode(double rate, [NotNullWhen(true)] out string? timecode)
    {
        if (TryToTimecodeCore(rate, IsDropFrameRate.InferFromRate, out timecode, out _))
        {
            return true;
        }
        timecode = null;
        return false;
    }

    private bool TryToTimecodeCore(double rate, IsDropFrameRate dropFrame, out string timecode, out OtioErrorKind error)
    {
        timecode = string.Empty;
        error = default;

        // 1. Frames at the requested rate (before snapping): 1800@(30000/1001) asked at 29.97 → 1800.0600…
        var frames = ValueRescaledTo(rate);
        if (frames < 0)
        {
            error = OtioErrorKind.NegativeValue;
            return false;
        }

        // 2. Snap to the nearest SMPTE rate; refuse if more than 0.1 away (23.98 → 24000/1001 is fine, 12 is not).
        var nearest = NearestSmpteTimecodeRate(rate);
        if (Math.Abs(nearest - rate) > 0.1)
        {
            error = OtioErrorKind.InvalidTimecodeRate;
            return false;
        }
        rate = nearest;

        // 3. Drop-frame: inferred from the snapped rate, or forced.
        var isDropFrame = IsDropFrameTimecodeRate(rate);
        if (dropFrame == IsDropFrameRate.ForceYes && !isDropFrame)
        {
            error = OtioErrorKind.InvalidRateForDropFrameTimecode;
            return false;
        }
        if (dropFrame != IsDropFrameRate.InferFromRate)
        {
            isDropFrame = dropFrame == IsDropFrameRate.ForceYes;
        }

        // 4. NDF at ~24 counts at exactly 24; DF drops 2 labels a minute at 29.97 and 4 at 59.94.
        var dropFrames = 0;
        var divider = ':';
        if (!isDropFrame)
        {
            if (OpenTimeText.RoundHalfAway(rate) == 24)
            {
                rate = 24.0;
            }
        }
        else
        {
            if (rate == Ntsc30)
            {
                dropFrames = 2;
            }
            else if (rate == Ntsc60)
            {
                dropFrames = 4;
            }
            divider = ';';
        }

        // 5. Counter geometry. At 30000/1001 DF: frames_per_hour = round(29.97… × 60 × 60) = 107892,
        //    wrap = 2589408, per 10 minutes = round(17982.01…) = 17982, per minute = 30 × 60 − 2 = 1798.
        //    (Written as rate × 60 × 60, left to right, exactly as the reference rounds it.)
        var framesPerHour = OpenTimeText.CInt(OpenTimeText.RoundHalfAway(rate * 60 * 60));
        var framesPer24Hours = unchecked(framesPerHour * 24);
        var framesPer10Minutes = OpenTimeText.CInt(OpenTimeText.RoundHalfAway(rate * 60 * 10));
        var framesPerMinute = OpenTimeText.CInt((OpenTimeText.RoundHalfAway(rate) * 60) - dropFrames);

        // Roll over after 24 hours (fmod keeps fractional frames).
        var value = frames % framesPer24Hours;

        // 6. Drop-frame: turn the frame count into a label count by adding back the skipped labels.
        //    1800 at 29.97 DF: tens = 0, rem = 1800 > 2, so 1800 + 2 × ((1800 − 2) / 1798 = 1) = 1802 labels
        //    → 1802 = 60 s × 30 + 2 → 00:01:00;02 (labels ;00 and ;01 of minute 1 are skipped).
        //    17982 at 29.97 DF: tens = 1, rem = 0 (≤ 2), so 17982 + 9 × 2 × 1 = 18000 → 00:10:00;00 (every tenth minute
        //    keeps its labels).
        if (isDropFrame)
        {
            var tenMinuteChunks = OpenTimeText.CInt(Math.Floor(value / framesPer10Minutes));
            var framesOverTenMinutes = OpenTimeText.CInt(value % framesPer10Minutes);
            if (framesOverTenMinutes > dropFrames)
            {
                // (rem − drop) / per_minute is C++ integer division.
                value += unchecked(dropFrames * 9 * tenMinuteChunks)
                         + (dropFrames * Math.Floor((double)((framesOverTenMinutes - dropFrames) / framesPerMinute)));
            }
            else
            {
                value += unchecked(dropFrames * 9 * tenMinuteChunks);
            }
        }

        // 7. Split labels into fields at the nominal rate (ceil: 24, 25, 30, 48, 50, 60); hours are not wrapped again.
        var nominalFps = OpenTimeText.CInt(Math.Ceiling(rate));
        var ff = OpenTimeText.CInt(value % nominalFps);
        var secondsTotal = OpenTimeText.CInt(Math.Floor(value / nominalFps));
        var ss = OpenTimeText.CInt((double)secondsTotal % 60);
        var mm = OpenTimeText.CInt(Math.Floor((double)(secondsTotal / 60)) % 60);
        var hh = OpenTimeText.CInt(Math.Floor(Math.Floor((double)(secondsTotal / 60)) / 60));

        Span<char> buffer = stackalloc char[48];
        var pos = OpenTimeText.Write02d(buffer, hh);
        buffer[pos++] = ':';
        pos += OpenTimeText.Write02d(buffer[pos..], mm);
        buffer[pos++] = ':';
        pos += OpenTimeText.Write02d(buffer[pos..], ss);
        buffer[pos++] = divider;
        pos += OpenTimeText.Write02d(buffer[pos..], ff);
        timecode = new string(buffer[..pos]);
        return true;
    }

    /// <summary>
    /// Parses SMPTE timecode at <paramref name="rate"/>, which must be exactly an SMPTE rate. A <c>;</c> anywhere
    /// means drop-frame. Fields are read by position (characters 0–1, 3–4, 6–7, 9–10, separators unchecked):
    /// value = (total_minutes × 60 + SS) × nominal + FF − drop × (total_minutes − total_minutes / 10).
    /// <c>00:01:00;02</c> at 30000/1001 → (1 × 60 + 0) × 30 + 2 − 2 × (1 − 0) = 1800.
    /// </summary>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.InvalidTimecodeRate"/>, <see cref="OtioErrorKind.InvalidRateForDropFrameTimecode"/>,
    /// <see cref="OtioErrorKind.InvalidTimecodeString"/> or <see cref="OtioErrorKind.TimecodeRateMismatch"/>.
    /// </exception>
    public static RationalTime FromTimecode(string timecode, double rate) =>
        TryFromTimecodeCore(timecode, rate, out var result, out var kind) ? result : throw OpenTimeText.Error(kind);

    /// <summary>Non-throwing <see cref="FromTimecode"/>.</summary>
    /// <param name="timecode">The timecode text.</param>
    /// <param name="rate">An SMPTE rate.</param>
    /// <param name="result">The time, or the invalid time (0, −1) on failure, as the reference library returns.</param>
    /// <param name="error">Null on success, else the refusal.</param>
    /// <returns>True on success.</returns>
    public static bool TryFromTimecode(
        string timecode,
        double rate,
        out RationalTime result,
        [NotNullWhen(false)] out OtioException? error)
    {
        if (TryFromTimecodeCore(timecode, rate, out result, out var kind))
        {
            error = null;
            return true;
        }
        error = OpenTimeText.Error(kind);
        return false;
    }

    /// <summary>Non-throwing, non-allocating <see cref="FromTimecode"/>.</summary>
    /// <param name="timecode">The timecode text.</param>
    /// <param name="rate">An SMPTE rate.</param>
    /// <param name="result">The time, or the invalid time (0, −1) on failure.</param>
    /// <returns>True on success.</returns>
    public static bool TryFromTimecode(string timecode, double rate, out RationalTime result) =>
        TryFromTimecodeCore(timecode, rate, out result, out _);

    private static bool TryFromTimecodeCore(string timecode, double rate, out RationalTime result, out OtioErrorKind error)
    {
        ArgumentNullException.ThrowIfNull(timecode);
        result = new RationalTime(0, -1);
        error = default;

        if (!IsSmpteTimecodeRate(rate))
        {
            error = OtioErrorKind.InvalidTimecodeRate;
            return false;
        }

        var isDropFrame = IsDropFrameTimecodeRate(rate);
        if (timecode.Contains(';'))
        {
            if (!isDropFrame)
            {
                error = OtioErrorKind.InvalidRateForDropFrameTimecode;
                return false;
            }
        }
        else
        {
            isDropFrame = false;
        }

        // Fields by position, as substr(3i, 2) then stoi: "1:02:03:04" reads 1, 2, 3, 4 from "1:", "2:", "3:", "4"
        // (not 1:02:03:04); a string shorter than 10 characters fails (substr past the end, or an empty field).
        Span<int> fields = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            var start = 3 * i;
            if (start > timecode.Length
                || !OpenTimeText.TryStoi(timecode.AsSpan(start, Math.Min(2, timecode.Length - start)), out fields[i]))
            {
                error = OtioErrorKind.InvalidTimecodeString;
                return false;
            }
        }
        int hours = fields[0], minutes = fields[1], seconds = fields[2], frames = fields[3];

        var nominalFps = OpenTimeText.CInt(Math.Ceiling(rate));
        if (frames >= nominalFps)
        {
            error = OtioErrorKind.TimecodeRateMismatch;
            return false;
        }

        var dropFrames = 0;
        if (isDropFrame)
        {
            if (rate == 29.97 || rate == Ntsc30)
            {
                dropFrames = 2;
            }
            else if (rate == 59.94 || rate == Ntsc60)
            {
                dropFrames = 4;
            }
        }

        // 00:10:00;00 at 29.97 DF: total_minutes = 10 → 600 × 30 − 2 × (10 − 1) = 17982.
        // Labels a DF counter never shows are accepted: 00:01:00;00 → 1800 − 2 = 1798.
        var totalMinutes = unchecked(hours * 60 + minutes);
        var value = unchecked((((totalMinutes * 60) + seconds) * nominalFps) + frames
                              - (dropFrames * (totalMinutes - (totalMinutes / 10))));
        result = new RationalTime(value, rate);
        return true;
    }

    /// <summary>
    /// This time as <c>[-]HH:MM:SS.ffffff</c> seconds (ffmpeg style), with the reference library's quirks: hours wrap
    /// modulo 24; the fraction is <c>printf("%.7g")</c> without its leading 0, cut to 7 characters (<c>.0</c> when
    /// zero). 1799@(30000/1001) → <c>00:01:00.026633</c>; 0.1234567 s → <c>00:00:00.123456</c>;
    /// 0.99999999 s → <c>00:00:00.0</c> (the fraction rounds to "1" and is lost); 1e-8 s → <c>00:00:00e-08</c>.
    /// </summary>
    public string ToTimeString()
    {
        var totalSeconds = ToSeconds();
        var isNegative = false;
        if (double.IsNegative(totalSeconds))
        {
            totalSeconds = Math.Abs(totalSeconds);
            isNegative = true;
        }

        const double unitsPerMinute = 60.0;
        const double unitsPerHour = unitsPerMinute * 60.0;
        const double unitsPerDay = unitsPerHour * 24.0;

        var hourUnits = totalSeconds % unitsPerDay;
        var hours = OpenTimeText.CInt(Math.Floor(hourUnits / unitsPerHour));
        var minuteUnits = hourUnits % unitsPerHour;
        var minutes = OpenTimeText.CInt(Math.Floor(minuteUnits / unitsPerMinute));
        var seconds = minuteUnits % unitsPerMinute;

        // modf: integral and fractional parts with the same sign.
        var intPart = Math.Truncate(seconds);
        var fractPart = double.IsInfinity(seconds) ? 0.0 * Math.Sign(seconds) : seconds - intPart;

        Span<char> buffer = stackalloc char[96];
        var pos = 0;
        if (isNegative)
        {
            buffer[pos++] = '-';
        }
        pos += OpenTimeText.Write02d(buffer[pos..], hours);
        buffer[pos++] = ':';
        pos += OpenTimeText.Write02d(buffer[pos..], minutes);
        buffer[pos++] = ':';
        pos += OpenTimeText.Write02d(buffer[pos..], OpenTimeText.CInt(intPart));

        // "%.7g" of the fraction, minus its first character, then at most 7 characters (the reference resizes to 7
        // with NUL padding, which printf's %s stops at).
        Span<char> fraction = stackalloc char[32];
        var fractionLength = OpenTimeText.WriteG7(fraction, fractPart);
        var micro = fraction[1..fractionLength];
        if (micro.Length == 0)
        {
            buffer[pos++] = '.';
            buffer[pos++] = '0';
        }
        else
        {
            if (micro.Length > 7)
            {
                micro = micro[..7];
            }
            var nul = micro.IndexOf('\0');
            if (nul >= 0)
            {
                micro = micro[..nul];
            }
            micro.CopyTo(buffer[pos..]);
            pos += micro.Length;
        }
        return new string(buffer[..pos]);
    }

    /// <summary>
    /// Parses a time string <c>[[HH:]MM:]SS[.fff]</c> into seconds × <paramref name="rate"/> at that rate. The rate
    /// must be an SMPTE rate (a reference quirk). Fields right of a <c>:</c> must be &lt; 60; the leftmost field is
    /// unrestricted (<c>24:00:00.0</c> and <c>10.5</c> parse); empty text is 0; a leading <c>-</c> is refused.
    /// <c>01:02:03.456789</c> at 24 → (3.456789 + 2 × 60 + 1 × 3600) × 24 = 89362.962936@24.
    /// </summary>
    /// <exception cref="OtioException">
    /// <see cref="OtioErrorKind.InvalidTimecodeRate"/> or <see cref="OtioErrorKind.InvalidTimeString"/>.
    /// </exception>
    public static RationalTime FromTimeString(string timeString, double rate) =>
        TryFromTimeStringCore(timeString, rate, out var result, out var kind) ? result : throw OpenTimeText.Error(kind);

    /// <summary>Non-throwing <see cref="FromTimeString"/>.</summary>
    /// <param name="timeString">The time string.</param>
    /// <param name="rate">An SMPTE rate.</param>
    /// <param name="result">The time, or the invalid time (0, −1) on failure.</param>
    /// <param name="error">Null on success, else the refusal.</param>
    /// <returns>True on success.</returns>
    public static bool TryFromTimeString(
        string timeString,
        double rate,
        out RationalTime result,
        [NotNullWhen(false)] out OtioException? error)
    {
        if (TryFromTimeStringCore(timeString, rate, out result, out var kind))
        {
            error = null;
            return true;
        }
        error = OpenTimeText.Error(kind);
        return false;
    }

    /// <summary>Non-throwing, non-allocating <see cref="FromTimeString"/>.</summary>
    /// <param name="timeString">The time string.</param>
    /// <param name="rate">An SMPTE rate.</param>
    /// <param name="result">The time, or the invalid time (0, −1) on failure.</param>
    /// <returns>True on success.</returns>
    public static bool TryFromTimeString(string timeString, double rate, out RationalTime result) =>
        TryFromTimeStringCore(timeString, rate, out result, out _);

    private static bool TryFromTimeStringCore(string timeString, double rate, out RationalTime result, out OtioErrorKind error)
    {
        ArgumentNullException.ThrowIfNull(timeString);
        result = new RationalTime(0, -1);
        error = OtioErrorKind.InvalidTimeString;

        if (!IsSmpteTimecodeRate(rate))
        {
            error = OtioErrorKind.InvalidTimecodeRate;
            return false;
        }

        // The reference scans right to left over the C string (index Length is its NUL), accumulating
        // seconds, then minutes × 60, then hours × 3600. Index positions stand in for its pointers; -1 is nullptr.
        // "1:1:1": "1" at radix 0 → 1; "1" at radix 1 → +60; leftmost "1" at radix 2 → +3600; total 3661 s.
        ReadOnlySpan<char> text = timeString;
        ReadOnlySpan<double> power = [1.0, 60.0, 3600.0];
        const int None = -1;
        var start = 0;
        var current = text.Length;
        var prevParseEnd = current;
        var accumulator = 0.0;
        var radix = 0;
        while (start <= current)
        {
            var c = OpenTimeText.At(text, current);
            if (c == ':')
            {
                var parseEnd = current + 1;
                var next = OpenTimeText.At(text, parseEnd);
                if (next != '\0' && next != ':')
                {
                    if (next is < '0' or > '9')
                    {
                        return false;
                    }
                    if (!OpenTimeText.ParseFloat(text, parseEnd, prevParseEnd + 1, false, out var val))
                    {
                        return false;
                    }
                    prevParseEnd = None;
                    if (radix < 2 && val >= 60.0)
                    {
                        return false;
                    }
                    accumulator += val * power[radix];
                }
                ++radix;
                if (radix == power.Length)
                {
                    return false;
                }
            }
            else if (prevParseEnd != None && current < prevParseEnd && c is (< '0' or > '9') and not '.')
            {
                return false;
            }

            if (start == current)
            {
                if (prevParseEnd != None)
                {
                    if (!OpenTimeText.ParseFloat(text, start, prevParseEnd + 1, true, out var val))
                    {
                        return false;
                    }
                    accumulator += val * power[radix];
                }
                break;
            }
            --current;
            if (prevParseEnd == None)
            {
                prevParseEnd = current;
            }
        }

        result = FromSeconds(accumulator).RescaledTo(rate);
        return true;
    }
}
