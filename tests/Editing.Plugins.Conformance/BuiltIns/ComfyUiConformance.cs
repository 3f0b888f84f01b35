namespace Editing.Plugins.Conformance.BuiltIns;

public sealed class ComfyUiConformance : BuiltInConformance
{
    protected override string Project => "Editing.Providers.ComfyUI";
}
