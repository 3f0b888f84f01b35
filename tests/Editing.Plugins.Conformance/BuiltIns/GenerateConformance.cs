using Editing.Sdk.Controls;
using Editing.Sdk.Tools;

namespace Editing.Plugins.Conformance.BuiltIns;

/// <summary><c>editing.fill</c> (on the gap), <c>editing.replace</c> and <c>editing.variations</c>, generating with the
/// previs provider. Replace and variations generate from a prompt: their default (from=frames, no reference image) is a
/// video-to-video request the previs model refuses.</summary>
public sealed class GenerateConformance : BuiltInConformance
{
    protected override string Project => "Editing.Tools.Generate";

    protected override ControlValues ValuesFor(ToolDescriptor tool) => tool.Id switch
    {
        "editing.replace" => ControlValues.FromJson("""{"from": "prompt", "prompt": "a white square crosses a blue field"}"""),
        "editing.variations" => ControlValues.FromJson("""{"from": "prompt", "prompt": "a white square crosses a blue field", "count": 2}"""),
        _ => ControlValues.Empty,
    };
}
