using System.Text.Json;
using Editing.Conform.Json;

namespace Editing.Conform.Jobs;

/// <summary>
/// Reads a job file: a JSON array of jobs, or an object <c>{"jobs": [...]}</c>. Each job has <c>timeline</c>,
/// <c>search</c> (a folder or a list of folders), <c>output</c>, and optionally <c>rules</c>, <c>handles</c> and
/// <c>name</c>. Relative paths resolve against the job file's folder. See <c>docs/conform.md</c>.
/// </summary>
public static class ConformJobFile
{
    private static readonly string[] JobKeys = ["name", "timeline", "search", "rules", "handles", "output"];

    /// <summary>Reads and checks every job (paths resolved; files are not opened yet).</summary>
    /// <exception cref="ConformInputException">The file is unreadable, not JSON, or a job is wrong (line, column and path named).</exception>
    public static IReadOnlyList<ConformJob> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = JsonNode.ReadFile(path);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        JsonNode list;
        if (root.Kind == JsonValueKind.Object)
        {
            var jobs = root.Properties.FirstOrDefault(p => p.Key == "jobs").Value
                ?? throw root.Error("expected a list of jobs, or an object with a \"jobs\" list");
            foreach (var (key, value) in root.Properties)
            {
                if (key != "jobs")
                {
                    throw value.Error($"unknown key '{key}' (a job file has \"jobs\")");
                }
            }
            list = jobs;
        }
        else
        {
            list = root;
        }
        var result = new List<ConformJob>();
        var outputs = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var node in list.ExpectArray())
        {
            var job = ReadJob(node, baseDirectory);
            var output = Path.GetFullPath(job.Request.OutputPath);
            if (outputs.TryGetValue(output, out var earlier))
            {
                throw node.Error($"writes {job.Request.OutputPath}, which the job at {earlier.Path} writes too");
            }
            outputs[output] = node;
            result.Add(job);
        }
        return result;
    }

    private static ConformJob ReadJob(JsonNode node, string baseDirectory)
    {
        string? name = null, timeline = null, rules = null, output = null;
        JsonNode? outputNode = null;
        var handles = 0;
        List<string>? search = null;
        foreach (var (key, value) in node.ExpectObject())
        {
            switch (key)
            {
                case "name":
                    name = value.ExpectString();
                    break;
                case "timeline":
                    timeline = Resolve(value, baseDirectory);
                    break;
                case "search":
                    search = value.Kind == JsonValueKind.String
                        ? [Resolve(value, baseDirectory)]
                        : value.ExpectArray().Select(v => Resolve(v, baseDirectory)).ToList();
                    if (search.Count == 0)
                    {
                        throw value.Error("no search folder given");
                    }
                    break;
                case "rules":
                    rules = value.Kind == JsonValueKind.Null ? null : Resolve(value, baseDirectory);
                    break;
                case "handles":
                    handles = value.ExpectNonNegativeInt();
                    break;
                case "output":
                    output = Resolve(value, baseDirectory);
                    outputNode = value;
                    break;
                default:
                    throw value.Error($"unknown key '{key}' (a job has {string.Join(", ", JobKeys)})");
            }
        }
        var missing = timeline is null ? "timeline" : search is null ? "search" : output is null ? "output" : null;
        if (missing is not null)
        {
            throw node.Error($"the job has no \"{missing}\" (needed: timeline, search, output)");
        }
        if (string.Equals(Path.GetFullPath(timeline!), Path.GetFullPath(output!), StringComparison.Ordinal))
        {
            throw outputNode!.Error("the output is the job's input timeline; the input is never modified");
        }
        return new ConformJob
        {
            Name = name ?? Path.GetFileName(timeline!),
            Request = new ConformRequest
            {
                TimelinePath = timeline!,
                SearchDirectories = search!,
                RulesPath = rules,
                Handles = handles,
                OutputPath = output!,
            },
        };
    }

    private static string Resolve(JsonNode node, string baseDirectory)
    {
        var text = node.ExpectString();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw node.Error("the path is empty");
        }
        return Path.GetFullPath(Path.Combine(baseDirectory, text));
    }
}
