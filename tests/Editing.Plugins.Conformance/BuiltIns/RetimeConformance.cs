using Editing.Sdk.Testing;
using Editing.Sdk.Tools;

namespace Editing.Plugins.Conformance.BuiltIns;

/// <summary><c>editing.retime</c> on the conformance clip played at half speed (a LinearTimeWarp of 0.5).</summary>
public sealed class RetimeConformance : BuiltInConformance
{
    protected override string Project => "Editing.Tools.Retime";

    protected override async Task<ClipContext> CreateClipAsync(ToolDescriptor tool, ConformanceClips clips, string scratchDirectory, CancellationToken cancellationToken)
    {
        var clip = await base.CreateClipAsync(tool, clips, scratchDirectory, cancellationToken);
        return clip with { TimeWarp = new TimeWarpInfo("LinearTimeWarp", 0.5) };
    }
}
