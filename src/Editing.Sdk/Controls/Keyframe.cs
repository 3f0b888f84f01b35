namespace Editing.Sdk.Controls;

/// <summary>One key of a <see cref="KeyframedValue"/>. JSON form <c>{"frame": 48, "value": 0.8}</c>; text form
/// <c>0.8@48</c> (VALUE@FRAME).</summary>
/// <param name="Frame">Frames from the clip's first frame (0 = the first frame), counted at the clip's rate.</param>
/// <param name="Value">The value at that frame, in the parameter's unit.</param>
public readonly record struct Keyframe(long Frame, double Value);
