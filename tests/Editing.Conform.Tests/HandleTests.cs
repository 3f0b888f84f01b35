using Editing.Conform.Reports;
using Editing.Conform.Rules;
using Editing.Conform.Tests.Support;
using Editing.Otio.Schema;

namespace Editing.Conform.Tests;

/// <summary>
/// Handle checks against a 48-frame movie at 24 fps from 01:00:00:00: it covers source frames 86400..86448
/// (01:00:00:00-01:00:02:00, out exclusive).
/// </summary>
public sealed class HandleTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly string _media;

    public HandleTests()
    {
        _media = TestMedia.Make(_tree["media/A003C001.mov"], 48);
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Short_handles_at_the_head_are_reported_in_frames()
    {
        // 01:00:00:04 for 24 frames with 8 handles needs 86396..86436: 4 frames before the media starts
        var problem = Assert.Single(await Check("01:00:00:04", 24, handles: 8));
        Assert.Equal(ProblemKind.ShortHandles, problem.Kind);
        Assert.Equal(4, problem.HeadShortfallFrames);
        Assert.Equal(0, problem.TailShortfallFrames);
    }

    [Fact]
    public async Task Short_handles_at_the_tail_are_reported_in_frames()
    {
        // 01:00:00:20 for 24 frames with 8 handles needs 86412..86452: 4 frames after the media ends
        var problem = Assert.Single(await Check("01:00:00:20", 24, handles: 8));
        Assert.Equal(ProblemKind.ShortHandles, problem.Kind);
        Assert.Equal(0, problem.HeadShortfallFrames);
        Assert.Equal(4, problem.TailShortfallFrames);
        Assert.Equal("01:00:00:12-01:00:02:04", problem.NeededRange);
        Assert.Equal("01:00:00:00-01:00:02:00", problem.MediaRange);
    }

    [Fact]
    public async Task Enough_handles_report_nothing()
    {
        Assert.Empty(await Check("01:00:00:10", 24, handles: 8));
    }

    [Fact]
    public async Task A_linear_time_warp_uses_speed_times_the_source_frames()
    {
        // 24 frames at 1.5x use 36 source frames, 86410..86446; with 8 handles 86402..86454 runs 6 past the end.
        // (The same clip without the warp would fit: 86402..86442.)
        var problem = Assert.Single(await Check("01:00:00:10", 24, handles: 8, effect: new LinearTimeWarp { TimeScalar = 1.5 }));
        Assert.Equal(ProblemKind.ShortHandles, problem.Kind);
        Assert.Equal(0, problem.HeadShortfallFrames);
        Assert.Equal(6, problem.TailShortfallFrames);
    }

    [Fact]
    public async Task A_freeze_frame_uses_one_source_frame()
    {
        // Held at 01:00:01:20 (86444) for 24 frames: one frame used; 8 handles need 86436..86453, 5 past the end
        var problem = Assert.Single(await Check("01:00:01:20", 24, handles: 8, effect: new FreezeFrame()));
        Assert.Equal(ProblemKind.ShortHandles, problem.Kind);
        Assert.Equal(0, problem.HeadShortfallFrames);
        Assert.Equal(5, problem.TailShortfallFrames);
    }

    [Fact]
    public async Task Handles_that_follow_the_speed_scale_with_the_time_warp()
    {
        // 2x from 01:00:00:20 (86420) for 12 frames uses 24 frames to 86444; 4 record handles are 8 source frames: 86412..86452
        var rules = new ConformRules { HandlesFollowSpeed = true };
        var problem = Assert.Single(await Check("01:00:00:20", 12, handles: 4, effect: new LinearTimeWarp { TimeScalar = 2 }, rules: rules));
        Assert.Equal(4, problem.TailShortfallFrames);
        Assert.Empty(await Check("01:00:00:20", 12, handles: 4, effect: new LinearTimeWarp { TimeScalar = 2 }));
    }

    private async Task<IReadOnlyList<ConformProblem>> Check(string sourceIn, int duration, int handles, Effect? effect = null, ConformRules? rules = null)
    {
        var cut = new Cut();
        cut.Add("shot", _media, sourceIn, duration, effect: effect);
        var name = Guid.NewGuid().ToString("N");
        var input = cut.Write(_tree[$"{name}.otio"]);
        var report = await new ConformRunner().RunAsync(new ConformRequest
        {
            TimelinePath = input,
            SearchDirectories = [_tree["media"]],
            Handles = handles,
            Rules = rules,
            OutputPath = _tree[$"{name}.out.otio"],
        });
        var clip = Assert.Single(report.Clips);
        Assert.Equal(clip.Problems.Count == 0 ? 0 : 5, report.ExitCode);
        return clip.Problems;
    }
}
