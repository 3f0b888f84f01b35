namespace Editing.Conform.Reports;

/// <summary>One problem with one shot.</summary>
public sealed record ConformProblem
{
    /// <summary>What kind of problem.</summary>
    public required ProblemKind Kind { get; init; }

    /// <summary>A readable sentence naming the files, timecodes and frame counts involved.</summary>
    public required string Message { get; init; }

    /// <summary>For <see cref="ProblemKind.Ambiguous"/> (and a timecode mismatch by reel): every candidate path, sorted.</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];

    /// <summary>For <see cref="ProblemKind.ShortHandles"/>: frames missing before the needed range (source frames at the media rate).</summary>
    public long? HeadShortfallFrames { get; init; }

    /// <summary>For <see cref="ProblemKind.ShortHandles"/>: frames missing after the needed range.</summary>
    public long? TailShortfallFrames { get; init; }

    /// <summary>For rate, timecode and handle problems: the media's rate as an exact fraction (<c>24000/1001</c>).</summary>
    public string? MediaRate { get; init; }

    /// <summary>For a rate mismatch: the clip's rate as the timeline stores it.</summary>
    public double? ClipRate { get; init; }

    /// <summary>For timecode and handle problems: the media's timecode range, <c>01:00:00:00-01:00:02:00</c> (out exclusive).</summary>
    public string? MediaRange { get; init; }

    /// <summary>For timecode and handle problems: the range the clip needs, <c>01:00:00:12-01:00:01:12</c> (out exclusive).</summary>
    public string? NeededRange { get; init; }
}
