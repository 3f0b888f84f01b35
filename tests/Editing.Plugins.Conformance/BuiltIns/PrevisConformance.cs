namespace Editing.Plugins.Conformance.BuiltIns;

/// <summary>The built-in previs provider.</summary>
public sealed class PrevisConformance : BuiltInConformance
{
    protected override string Project => "Editing.Providers.Previs";
}
