using Editing.Otio.OpenTime;

namespace Editing.Otio.Algorithms;

/// <summary>The <c>std::min</c>/<c>std::max</c> of the reference library on times: ties keep the first argument (and its rate).</summary>
internal static class RangeMath
{
    /// <summary><c>std::min(a, b)</c>: <c>(b &lt; a) ? b : a</c>.</summary>
    public static RationalTime Min(RationalTime a, RationalTime b) => b < a ? b : a;

    /// <summary><c>std::max(a, b)</c>: <c>(a &lt; b) ? b : a</c>.</summary>
    public static RationalTime Max(RationalTime a, RationalTime b) => a < b ? b : a;
}
