using System.Text.Json;

namespace Editing.Conform.Reports;

/// <summary>
/// Writes conform reports as JSON in the stable schema documented in <c>docs/conform.md</c>
/// (<c>"schema": "editing.conform/1"</c> for one timeline, <c>"editing.conform-jobs/1"</c> for a job file). Keys are
/// always present (null when not applicable) and never renamed within a schema version.
/// </summary>
public static class ConformReportJson
{
    /// <summary>The schema id of a one-timeline report.</summary>
    public const string Schema = "editing.conform/1";

    /// <summary>The schema id of a job-file report.</summary>
    public const string JobsSchema = "editing.conform-jobs/1";

    /// <summary>Writes one timeline's report as a JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, ConformReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteStartObject();
        writer.WriteString("schema", Schema);
        WriteBody(writer, report);
        writer.WriteEndObject();
    }

    /// <summary>Writes a job file's report: every job with its exit code and its report or error.</summary>
    public static void Write(Utf8JsonWriter writer, ConformJobsReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteStartObject();
        writer.WriteString("schema", JobsSchema);
        writer.WriteString("jobFile", report.JobFile);
        writer.WriteNumber("exitCode", report.ExitCode);
        writer.WriteStartArray("jobs");
        foreach (var job in report.Jobs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", job.Name);
            writer.WriteNumber("exitCode", job.ExitCode);
            writer.WriteString("error", job.Error);
            if (job.Report is { } r)
            {
                writer.WritePropertyName("report");
                writer.WriteStartObject();
                WriteBody(writer, r);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("report");
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A report as indented JSON text.</summary>
    public static string ToJson(ConformReport report) => Render(w => Write(w, report));

    /// <summary>A job-file report as indented JSON text.</summary>
    public static string ToJson(ConformJobsReport report) => Render(w => Write(w, report));

    private static string Render(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteBody(Utf8JsonWriter writer, ConformReport report)
    {
        writer.WriteString("timeline", report.Timeline);
        writer.WriteString("output", report.Output);
        writer.WriteNumber("exitCode", report.ExitCode);
        writer.WriteString("status", report.FailedCount == 0 ? "conformed" : "partial");
        writer.WriteNumber("handles", report.Handles);
        writer.WriteStartArray("searchDirectories");
        foreach (var dir in report.SearchDirectories)
        {
            writer.WriteStringValue(dir);
        }
        writer.WriteEndArray();
        writer.WriteStartObject("summary");
        writer.WriteNumber("clips", report.Clips.Count);
        writer.WriteNumber("conformed", report.ConformedCount);
        writer.WriteNumber("failed", report.FailedCount);
        writer.WriteNumber("relinked", report.ChangedCount);
        writer.WriteNumber("versionedUp", report.VersionedUpCount);
        writer.WriteNumber("filesIndexed", report.FilesIndexed);
        writer.WriteNumber("filesProbed", report.FilesProbed);
        writer.WriteEndObject();
        writer.WriteStartArray("clips");
        foreach (var clip in report.Clips)
        {
            writer.WriteStartObject();
            writer.WriteString("name", clip.Name);
            writer.WriteString("track", clip.Track);
            writer.WriteString("trackKind", clip.TrackKind);
            writer.WriteNumber("itemIndex", clip.ItemIndex);
            writer.WriteString("status", clip.Conformed ? "conformed" : "failed");
            writer.WriteString("method", ConformRunner.MethodName(clip.Method));
            writer.WriteBoolean("relinked", clip.Changed);
            writer.WriteString("previousUrl", clip.PreviousUrl);
            writer.WriteString("mediaPath", clip.MediaPath);
            if (clip.VersionFrom is not null)
            {
                writer.WriteStartObject("version");
                writer.WriteString("from", clip.VersionFrom);
                writer.WriteString("to", clip.VersionTo);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("version");
            }
            writer.WriteString("sourceRange", clip.SourceRange);
            writer.WriteStartArray("problems");
            foreach (var problem in clip.Problems)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", ConformRunner.ProblemName(problem.Kind));
                writer.WriteString("message", problem.Message);
                writer.WriteStartArray("candidates");
                foreach (var candidate in problem.Candidates)
                {
                    writer.WriteStringValue(candidate);
                }
                writer.WriteEndArray();
                WriteNumberOrNull(writer, "headShortfall", problem.HeadShortfallFrames);
                WriteNumberOrNull(writer, "tailShortfall", problem.TailShortfallFrames);
                writer.WriteString("mediaRate", problem.MediaRate);
                if (problem.ClipRate is { } clipRate)
                {
                    writer.WriteNumber("clipRate", clipRate);
                }
                else
                {
                    writer.WriteNull("clipRate");
                }
                writer.WriteString("mediaRange", problem.MediaRange);
                writer.WriteString("neededRange", problem.NeededRange);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
