namespace Editing.Sdk.Providers;

/// <summary>Editorial labels a provider may burn in (the previs provider draws them on its storyboard cards).</summary>
/// <param name="ShotName">Clip or shot name.</param>
/// <param name="StartTimecode">Record or source timecode of the first generated frame (<c>01:00:10:00</c>).</param>
/// <param name="Title">Timeline or tool label.</param>
public sealed record SlateInfo(string ShotName, string? StartTimecode, string Title = "");
