namespace Editing.Sdk.Tools;

/// <summary>The editorial situations a tool applies to; a tool declares one or more.</summary>
public enum ToolApplication
{
    /// <summary>Regenerate or transform a clip; the result becomes a new media reference of the clip.</summary>
    Replace,

    /// <summary>New frames before a clip's first frame.</summary>
    ExtendHead,

    /// <summary>New frames after a clip's last frame.</summary>
    ExtendTail,

    /// <summary>A new clip for a gap, exactly the gap's duration.</summary>
    FillGap,

    /// <summary>Media for a transition (missing handles).</summary>
    Transition,

    /// <summary>Render a speed change into real frames.</summary>
    Retime,

    /// <summary>New material from nothing but controls (shot list to animatic).</summary>
    Generate,
}
