using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Tools.Generate;
using Editing.Tools.Tests.Support;

namespace Editing.Tools.Tests;

public sealed class FillTests(TestMedia media) : MediaTestBase(media), IClassFixture<TestMedia>
{
    [Fact]
    public async Task Fill_bridges_the_previous_clips_last_frame_and_the_next_clips_first()
    {
        // Given a 20-frame gap at track frame 24 after a clip ending on plate frame 31 and before one starting on 44
        var gap = Contexts.Gap(20, recordStart: 24, name: "gap2") with
        {
            Previous = await Contexts.NeighbourClipAsync(Media, 31, Contexts.Range(0, 24), Folder, "sh010"),
            Next = await Contexts.NeighbourClipAsync(Media, 44, Contexts.Range(44, 24), Folder, "sh020"),
        };

        // When filled
        var (result, _) = await RunAsync("editing.fill", gap, """{"prompt": "Rain on the window, at night", "seed": 5}""");

        // Then the output has exactly the gap's frames and starts at the record timecode of the gap
        var output = Assert.Single(result.Outputs);
        Assert.Equal(20, output.FrameCount);
        Assert.Equal("00:00:01:00", output.StartTimecode);
        Assert.Equal("fill", output.Label);
        Assert.False(output.PartlyGenerated);
        Assert.Equal(20, (await Media.Media.ProbeAsync(output.VideoPath, CancellationToken.None)).FrameCount);

        // And it was image-to-video from the previous clip's last frame to the next clip's first
        var request = Assert.Single(Provider.Requests);
        Assert.Equal(GenerationMode.ImageToVideo, request.Mode);
        Assert.Equal(gap.Previous!.EdgeFramePath, request.FirstFrame);
        Assert.Equal(gap.Next!.EdgeFramePath, request.LastFrame);
        Assert.Equal(20, request.FrameCount);

        // And its first frame looks like plate frame 31, its last like plate frame 44
        var firstToPrevious = await Pixels.DifferenceToPlateAsync(Media, output.VideoPath, 0, 31);
        var firstToNext = await Pixels.DifferenceToPlateAsync(Media, output.VideoPath, 0, 44);
        Assert.True(firstToPrevious < 4, $"first frame differs from the previous clip's last by {firstToPrevious}");
        Assert.True(firstToPrevious < firstToNext);
        Assert.True(await Pixels.DifferenceToPlateAsync(Media, output.VideoPath, 19, 44) < 4);

        // And the gap becomes a clip named from the prompt
        var fill = Assert.IsType<FillGap>(Assert.Single(result.Edits));
        Assert.Equal("rain on the window", fill.ClipName);
        Assert.Equal(output.Id, fill.OutputId);
    }

    [Fact]
    public async Task Fill_without_neighbouring_clips_is_text_to_video()
    {
        var gap = Contexts.Gap(6) with { Previous = new NeighbourContext { Kind = ItemKind.Gap, RecordRange = Contexts.Range(0, 24) } };

        var (result, _) = await RunAsync("editing.fill", gap);

        var request = Assert.Single(Provider.Requests);
        Assert.Equal(GenerationMode.TextToVideo, request.Mode);
        Assert.Null(request.FirstFrame);
        Assert.Null(request.LastFrame);
        Assert.Equal(6, Assert.Single(result.Outputs).FrameCount);
        Assert.Equal("fill", Assert.IsType<FillGap>(Assert.Single(result.Edits)).ClipName);
    }

    [Theory]
    [InlineData("", "fill")]
    [InlineData("  ...  ", "fill")]
    [InlineData("A slow dolly-in on the lighthouse", "a slow dolly in")]
    [InlineData("Supercalifragilisticexpialidociousness everywhere", "supercalifragilisticexpialidocio")]
    public void Fill_names_its_clip_from_the_prompt(string prompt, string name) =>
        Assert.Equal(name, FillTool.ClipName(prompt));
}
