using System.Globalization;

namespace Editing.Conform.Reports;

/// <summary>Writes conform reports as readable text: one line per clip, its problems indented below, then a summary.</summary>
public static class ConformReportText
{
    /// <summary>Writes one timeline's report.</summary>
    public static void Write(TextWriter writer, ConformReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteLine(Inv($"conform {report.Timeline} -> {report.Output}: {report.Clips.Count} clip(s), {report.FilesIndexed} file(s) indexed, {report.FilesProbed} probed, handles {report.Handles}"));
        foreach (var clip in report.Clips)
        {
            var state = !clip.Conformed ? "FAILED" : clip.VersionTo is not null ? "versioned" : clip.Changed ? "relinked" : "ok";
            var what = clip.VersionTo is not null
                ? $"{clip.VersionFrom} -> {clip.VersionTo} ({ConformRunner.MethodName(clip.Method)}): {clip.MediaPath}"
                : clip.Changed
                    ? $"by {ConformRunner.MethodName(clip.Method)}: {clip.MediaPath}"
                    : clip.MediaPath ?? "no media";
            var track = clip.Track.Length > 0 ? clip.Track : clip.TrackKind;
            writer.WriteLine(Inv($"  {state,-9} {track}[{clip.ItemIndex}] {Quote(clip.Name)} {clip.SourceRange ?? string.Empty}  {what}"));
            foreach (var problem in clip.Problems)
            {
                writer.WriteLine($"      {problem.Message}");
            }
        }
        writer.WriteLine(Inv($"{report.ConformedCount} conformed ({report.ChangedCount} relinked, {report.VersionedUpCount} versioned up), {report.FailedCount} failed; wrote {report.Output}"));
    }

    /// <summary>Writes a job file's report: each job's report (or error), then one summary line per job.</summary>
    public static void Write(TextWriter writer, ConformJobsReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        foreach (var job in report.Jobs)
        {
            writer.WriteLine($"== job {job.Name}");
            if (job.Report is { } r)
            {
                Write(writer, r);
            }
            else
            {
                writer.WriteLine($"  error: {job.Error}");
            }
        }
        writer.WriteLine(Inv($"jobs in {report.JobFile}: {report.Jobs.Count}"));
        foreach (var job in report.Jobs)
        {
            var summary = job.Report is { } r
                ? Inv($"{r.ConformedCount} conformed, {r.FailedCount} failed of {r.Clips.Count} clip(s) -> {r.Output}")
                : $"not run: {job.Error}";
            writer.WriteLine(Inv($"  exit {job.ExitCode}  {job.Name}: {summary}"));
        }
    }

    private static string Quote(string name) => name.Length == 0 ? "(unnamed)" : name;

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
