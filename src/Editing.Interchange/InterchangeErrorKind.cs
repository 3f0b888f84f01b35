namespace Editing.Interchange;

/// <summary>What kind of interchange problem an <see cref="InterchangeException"/> reports.</summary>
public enum InterchangeErrorKind
{
    /// <summary>The EDL or XML text is malformed or inconsistent (bad fields, timecodes, durations, XML syntax).</summary>
    Parse,

    /// <summary>The timeline holds something the format cannot express (two video tracks, unsupported effects, rates).</summary>
    NotSupported,

    /// <summary>A caller passed an option the adapter does not know (an unknown EDL style).</summary>
    InvalidOption,
}
