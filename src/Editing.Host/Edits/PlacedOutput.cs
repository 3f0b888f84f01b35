using Editing.Otio.OpenTime;
using Editing.Sdk.Tools;

namespace Editing.Host.Edits;

/// <summary>A tool output after the host conformed it and moved it into the output's media folder.</summary>
/// <param name="Output">The tool's description of the output.</param>
/// <param name="TargetUrl">The URL written into the timeline (relative to the output timeline's folder).</param>
/// <param name="AvailableRange">The media's range in its own time: start timecode as frames, exact frame count.</param>
/// <param name="Editing">The <c>editing</c> metadata block for references and clips made from it (tool, provenance file...).</param>
public sealed record PlacedOutput(MediaOutput Output, string TargetUrl, TimeRange AvailableRange, Otio.Schema.OtioDictionary Editing);
