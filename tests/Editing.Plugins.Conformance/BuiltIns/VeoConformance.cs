namespace Editing.Plugins.Conformance.BuiltIns;

public sealed class VeoConformance : BuiltInConformance
{
    protected override string Project => "Editing.Providers.Veo";
}
