using Editing.Sdk.Controls;
using Editing.Sdk.Tools;

namespace Editing.Plugins.Conformance.BuiltIns;

/// <summary><c>editing.extend</c> and <c>editing.handles</c>, generating with the previs provider.</summary>
public sealed class ExtendConformance : BuiltInConformance
{
    protected override string Project => "Editing.Tools.Extend";

    protected override ControlValues ValuesFor(ToolDescriptor tool) => tool.Id switch
    {
        // A quarter second keeps the generation short; the clip has 12 frames of handle, so 16 makes 4 new frames a side.
        "editing.extend" => ControlValues.FromJson("""{"duration": {"value": 6, "rate": 24}}"""),
        "editing.handles" => ControlValues.FromJson("""{"head_frames": 16, "tail_frames": 16}"""),
        _ => ControlValues.Empty,
    };
}
