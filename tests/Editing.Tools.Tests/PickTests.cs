using Editing.Host.Media;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Tools.Tests.Support;
using static Editing.Tools.Tests.Support.Contexts;

namespace Editing.Tools.Tests;

/// <summary>Picking needs neither media nor a provider: the clip's reference keys are all it reads.</summary>
public sealed class PickTests
{
    private static ClipContext Clip(params string[] keys) => new()
    {
        Kind = ItemKind.Clip,
        Name = "sh010",
        ItemPath = "tracks.children[0].children[1]",
        Rate = TestMedia.Rate,
        Size = TestMedia.Size,
        RecordRange = Range(0, 12),
        SourceRange = Range(TestMedia.StartFrame, 12),
        MediaReferenceKeys = keys,
        ActiveMediaReferenceKey = "variant_v001",
    };

    private static async Task<ToolResult> RunAsync(ClipContext clip, string values)
    {
        var tool = Support.Tools.Create("editing.pick");
        var folder = Path.Combine(Path.GetTempPath(), "editing-tools-pick-" + Guid.NewGuid().ToString("N")[..8]);
        using var context = new TestToolContext(new HostMediaServices(), new NoProviderAccess(), folder);
        try
        {
            var result = await tool.RunAsync(clip, tool.Descriptor.Schema.Normalize(Support.Tools.Values(values)), context, CancellationToken.None);
            Assert.Equal(1, context.Progress[^1].Fraction);
            return result;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("""{"key": "variant_v002"}""", "variant_v002")]
    [InlineData("""{"key": "DEFAULT_MEDIA"}""", "DEFAULT_MEDIA")]
    [InlineData("""{"variant": 1}""", "generated_v001")]
    [InlineData("""{"variant": 3}""", "variant_v002")]
    public async Task Pick_sets_the_active_media_without_generating(string values, string key)
    {
        // Given a clip with its original and three generated references, the first variant active
        var clip = Clip("DEFAULT_MEDIA", "generated_v001", "variant_v001", "variant_v002");

        // When a reference is picked by key or by variant number, with no provider chosen
        var result = await RunAsync(clip, values);

        // Then nothing is generated and the edit makes that reference active
        Assert.Empty(result.Outputs);
        Assert.Equal(key, Assert.IsType<SetActiveMedia>(Assert.Single(result.Edits)).ReferenceKey);
    }

    [Fact]
    public void Pick_warns_when_the_reference_is_already_active()
    {
        var issues = Support.Tools.Validate(Support.Tools.Create("editing.pick"), Clip("DEFAULT_MEDIA", "variant_v001"), Support.Tools.Values("""{"variant": 1}"""));

        var warning = Assert.Single(issues);
        Assert.Equal(Editing.Sdk.Controls.ValidationSeverity.Warning, warning.Severity);
        Assert.Contains("already the active media", warning.Message, StringComparison.Ordinal);
    }
}
