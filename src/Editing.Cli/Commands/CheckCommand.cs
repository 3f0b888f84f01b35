using System.CommandLine;
using System.Text.Json;
using Editing.Host.Provenance;
using Editing.Otio;
using Editing.Otio.Schema;

namespace Editing.Cli.Commands;

/// <summary>
/// <c>editing check --policy FILE TIMELINE [--json]</c>: delivery QC of a finished timeline against a studio policy.
/// Exit 0 when it complies, 3 with every violation listed when it does not.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var timeline = new Argument<string>("timeline") { Description = "The timeline to check (.otio, .otioz, .otiod)." };
        var policy = new Option<string?>("--policy") { Description = "The studio policy file (default $EDITING_POLICY)." };
        var json = new Option<bool>("--json") { Description = "Print the violations as JSON." };
        var cmd = new Command("check", "Delivery QC: check a timeline's generated media against a studio policy (providers, models, training data, likeness consent, generated share, codec); exit 3 on any violation.")
        {
            timeline, policy, json,
        };
        cmd.SetAction(parse => CliErrors.Run(() =>
        {
            var policyPath = parse.GetValue(policy) ?? Environment.GetEnvironmentVariable(StudioPolicy.FileVariable);
            if (string.IsNullOrEmpty(policyPath))
            {
                throw new UsageException("give the studio policy with --policy FILE (or set EDITING_POLICY)");
            }

            var rules = StudioPolicy.Load(policyPath);
            var path = parse.GetValue(timeline)!;
            var root = TimelineFile.Read(path);
            var tl = root as Timeline ?? throw new UsageException($"{path}: the file holds a {root.SchemaName}, not a Timeline");
            var violations = PolicyChecker.Timeline(rules, tl, path);
            if (parse.GetValue(json))
            {
                var doc = new
                {
                    file = Path.GetFullPath(path),
                    policy = rules.SourcePath,
                    complies = violations.Count == 0,
                    violations = violations.Select(v => new { rule = v.Rule, where = v.Where, message = v.Message }),
                };
                Console.Out.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                foreach (var v in violations)
                {
                    Console.Error.WriteLine(v);
                }

                Console.Out.WriteLine(violations.Count == 0
                    ? $"{path}: complies with {rules.SourcePath}"
                    : $"{path}: {violations.Count} policy violation(s) against {rules.SourcePath}");
            }

            return violations.Count == 0 ? ExitCodes.Ok : ExitCodes.PolicyRefused;
        }));
        return cmd;
    }
}
