using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Otio.Tests.Algorithms;

/// <summary>Small builders for timelines made in code.</summary>
internal static class AlgorithmTestData
{
    public static RationalTime T(double value, double rate = 24) => new(value, rate);

    public static TimeRange R(double start, double duration, double rate = 24) => new(T(start, rate), T(duration, rate));

    public static Clip ClipOf(string name, double start, double duration, double rate = 24)
        => new(name, new ExternalReference($"file:///media/{name}.mov", R(0, 1000, rate)), R(start, duration, rate));

    public static Gap GapOf(double duration, double rate = 24) => new() { SourceRange = R(0, duration, rate) };

    public static Transition Dissolve(string name, double inOffset, double outOffset, double rate = 24)
        => new() { Name = name, InOffset = T(inOffset, rate), OutOffset = T(outOffset, rate) };

    public static Track TrackOf(string name, params Composable[] children)
    {
        var track = new Track { Name = name };
        track.Children.AddRange(children);
        return track;
    }

    public static Timeline TimelineOf(params Composable[] tracks)
    {
        var timeline = new Timeline("test");
        timeline.Tracks!.Children.AddRange(tracks);
        return timeline;
    }

    public static void AssertTime(double value, double rate, RationalTime? actual)
    {
        Assert.NotNull(actual);
        Assert.True(T(value, rate).StrictlyEqual(actual.Value), $"expected RationalTime({value:R}, {rate:R}), got {actual}");
    }

    public static void AssertRange(double start, double duration, double rate, TimeRange? actual)
    {
        Assert.NotNull(actual);
        Assert.True(
            T(start, rate).StrictlyEqual(actual.Value.StartTime) && T(duration, rate).StrictlyEqual(actual.Value.Duration),
            $"expected [{start:R},+{duration:R})@{rate:R}, got {actual}");
    }

    public static OtioException Refused(OtioErrorKind kind, Action action)
    {
        var e = Assert.Throws<OtioException>(action);
        Assert.Equal(kind, e.Kind);
        return e;
    }
}
