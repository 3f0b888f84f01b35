namespace Editing.Sdk.Tools;

/// <summary>A speed effect on the target clip.</summary>
/// <param name="Kind"><c>LinearTimeWarp</c> or <c>FreezeFrame</c>.</param>
/// <param name="TimeScalar">Speed factor (2 = twice as fast, 0 = freeze, negative = reverse).</param>
public sealed record TimeWarpInfo(string Kind, double TimeScalar);
