using Editing.Otio.OpenTime;

namespace Editing.Sdk.Tools;

/// <summary>A marker on the target item.</summary>
/// <param name="Name">Marker name.</param>
/// <param name="Color">OTIO marker colour (<c>RED</c>, <c>GREEN</c>...).</param>
/// <param name="MarkedRange">Marked range in the item's source time.</param>
/// <param name="Comment">Marker comment, or empty.</param>
public sealed record MarkerInfo(string Name, string Color, TimeRange MarkedRange, string Comment = "");
