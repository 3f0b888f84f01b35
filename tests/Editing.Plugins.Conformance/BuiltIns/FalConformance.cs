namespace Editing.Plugins.Conformance.BuiltIns;

public sealed class FalConformance : BuiltInConformance
{
    protected override string Project => "Editing.Providers.Fal";
}
