using System.Globalization;

namespace Editing.Interchange;

/// <summary>
/// Number text as the reference adapters (Python) print it: <c>repr(float)</c> is the shortest round-trip form with
/// <c>.0</c> on integral values and scientific notation outside 1e-4 ≤ |x| &lt; 1e16 (<c>47.6</c>, <c>48.0</c>,
/// <c>1e-05</c>, <c>1e+16</c>); integers print as integers.
/// </summary>
internal static class PyFormat
{
    public static string Repr(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }
        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }
        // "R" gives the shortest round-trip digits, which is what Python's repr uses; only the layout differs.
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        var s = negative ? shortest[1..] : shortest;
        string digits;
        int exponent; // value = 0.d1d2d3... × 10^exponent → decimal point after `exponent` digits
        var ePos = s.IndexOfAny(['E', 'e']);
        var mantissa = ePos >= 0 ? s[..ePos] : s;
        var exp10 = ePos >= 0 ? int.Parse(s[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.');
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - (intPart + fracPart).TrimStart('0').Length;
        exponent = intPart.Length + exp10 - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return negative ? "-0.0" : "0.0";
        }
        var sciExp = exponent - 1; // exponent of the first significant digit
        string body;
        if (sciExp < -4 || sciExp >= 16)
        {
            var m = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            body = m + "e" + (sciExp < 0 ? "-" : "+") + Math.Abs(sciExp).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (exponent <= 0)
        {
            body = "0." + new string('0', -exponent) + digits;
        }
        else if (exponent >= digits.Length)
        {
            body = digits + new string('0', exponent - digits.Length) + ".0";
        }
        else
        {
            body = digits[..exponent] + "." + digits[exponent..];
        }
        return negative ? "-" + body : body;
    }

    /// <summary><c>str(value)</c> for a metadata value: integers as integers, doubles as <see cref="Repr"/>.</summary>
    public static string Str(object? value) => value switch
    {
        null => "None",
        double d => Repr(d),
        float f => Repr(f),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
