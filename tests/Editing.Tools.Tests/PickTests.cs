using Editing.Sdk.Tools.Edits;
using Editing.Tools.Tests.Support;

namespace Editing.Tools.Tests;

public sealed class PickTests(TestMedia media) : MediaTestBase(media), IClassFixture<TestMedia>
{
    [Theory]
    [InlineData("""{"key": "variant_v002"}""", "variant_v002")]
    [InlineData("""{"key": "DEFAULT_MEDIA"}""", "DEFAULT_MEDIA")]
    [InlineData("""{"variant": 1}""", "generated_v001")]
    [InlineData("""{"variant": 3}""", "variant_v002")]
    public async Task Pick_sets_the_active_media_without_generating(string values, string key)
    {
        // Given a clip with its original and three generated references, the first variant active
        var clip = Contexts.Clip(Media, 0, 12) with
        {
            MediaReferenceKeys = ["DEFAULT_MEDIA", "generated_v001", "variant_v001", "variant_v002"],
            ActiveMediaReferenceKey = "variant_v001",
        };

        var (result, _) = await RunAsync("editing.pick", clip, values);

        Assert.Empty(result.Outputs);
        Assert.Empty(Provider.Requests);
        Assert.Equal(key, Assert.IsType<SetActiveMedia>(Assert.Single(result.Edits)).ReferenceKey);
    }
}
