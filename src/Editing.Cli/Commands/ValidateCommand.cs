using System.CommandLine;
using Editing.Otio;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;
using Editing.Otio.Validation;

namespace Editing.Cli.Commands;

/// <summary><c>editing validate FILE [--json]</c>: every problem at once; exit 2 if there is any error.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The timeline to check (.otio, .otioz, .otiod)." };
        var json = new Option<bool>("--json") { Description = "Print the problems as JSON." };
        var cmd = new Command("validate", "Check a timeline: syntax and schema (the first fatal error, with file, line, column and object path), then every structural problem.")
        {
            file,
            json,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var asJson = parse.GetValue(json);
            List<TimelineProblem> problems;
            try
            {
                var baseDir = Path.GetDirectoryName(Path.GetFullPath(path));
                problems = TimelineValidator.Validate(TimelineFile.Read(path), baseDir)
                    .Select(i => new TimelineProblem(i.Severity == ValidationSeverity.Error ? "error" : "warning", i.Path, i.Message))
                    .ToList();
            }
            catch (OtioException e)
            {
                problems = [new TimelineProblem("error", e is OtioReadException r ? r.ObjectPath : string.Empty, e.Message)];
            }
            Report(problems, path, asJson);
            return problems.Any(p => p.Severity == "error") ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return cmd;
    }

    private static void Report(List<TimelineProblem> problems, string path, bool asJson)
    {
        if (asJson)
        {
            using var w = new System.Text.Json.Utf8JsonWriter(Console.OpenStandardOutput(), new System.Text.Json.JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("file", path);
            w.WriteBoolean("valid", !problems.Any(p => p.Severity == "error"));
            w.WriteStartArray("problems");
            foreach (var p in problems)
            {
                w.WriteStartObject();
                w.WriteString("severity", p.Severity);
                w.WriteString("path", p.Path);
                w.WriteString("message", p.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.Flush();
            Console.Out.WriteLine();
            return;
        }
        foreach (var p in problems)
        {
            var where = p.Path.Length > 0 ? $" at {p.Path}" : string.Empty;
            var line = p.Message.StartsWith(path, StringComparison.Ordinal) ? p.Message : $"{path}:{where} {p.Message}";
            (p.Severity == "error" ? Console.Error : Console.Out).WriteLine($"{p.Severity}: {line}");
        }
        var errors = problems.Count(p => p.Severity == "error");
        var warnings = problems.Count - errors;
        Console.Out.WriteLine(errors == 0 ? $"{path}: valid ({warnings} warning(s))" : $"{path}: {errors} error(s), {warnings} warning(s)");
    }
}
