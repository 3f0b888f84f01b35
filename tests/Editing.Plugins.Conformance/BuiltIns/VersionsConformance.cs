using Editing.Sdk.Controls;
using Editing.Sdk.Testing;
using Editing.Sdk.Tools;

namespace Editing.Plugins.Conformance.BuiltIns;

/// <summary><c>editing.pick</c> on a clip with one variant besides its original media.</summary>
public sealed class VersionsConformance : BuiltInConformance
{
    protected override string Project => "Editing.Tools.Versions";

    protected override async Task<ClipContext> CreateClipAsync(ToolDescriptor tool, ConformanceClips clips, string scratchDirectory, CancellationToken cancellationToken)
    {
        var clip = await base.CreateClipAsync(tool, clips, scratchDirectory, cancellationToken);
        return clip with { MediaReferenceKeys = ["DEFAULT_MEDIA", "variant_v001"] };
    }

    protected override ControlValues ValuesFor(ToolDescriptor tool) => ControlValues.FromJson("""{"variant": 1}""");
}
