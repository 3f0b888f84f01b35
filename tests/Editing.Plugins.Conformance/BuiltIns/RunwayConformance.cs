namespace Editing.Plugins.Conformance.BuiltIns;

public sealed class RunwayConformance : BuiltInConformance
{
    protected override string Project => "Editing.Providers.Runway";
}
