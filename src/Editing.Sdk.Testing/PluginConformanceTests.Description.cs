using System.Text.Json;
using System.Text.RegularExpressions;
using Editing.Host.Plugins;
using Editing.Sdk.Controls;
using Editing.Sdk.Tools;
using Xunit;

namespace Editing.Sdk.Testing;

// What a plugin says about itself: found and usable, describe pure and stable, ids, the control schema, validation.
public abstract partial class PluginConformanceTests
{
    private static readonly Regex ParameterId = new("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$", RegexOptions.CultureInvariant);

    /// <summary>The plugin is found as an <c>EDITING_PLUGIN_PATH</c> entry and the catalog reports it usable: plugin.json
    /// valid, its SDK range contains this SDK, its entry assembly present, its ids its own.</summary>
    [Fact]
    public async Task Plugin_is_found_on_the_search_path_and_usable()
    {
        await using var session = Open();
        var plugin = session.RequirePlugin(PluginDirectory);
        Assert.Equal(PluginSource.EnvironmentPath, plugin.Source);
        Assert.Equal(PluginStatus.Ok, plugin.Status);
        Assert.True(plugin.Manifest!.Sdk.Contains(SdkVersion.Current), $"plugin.json's sdk range {plugin.Manifest.Sdk} does not contain {SdkVersion.Current}");
        Assert.True(File.Exists(plugin.Manifest.EntryPath), $"entry assembly {plugin.Manifest.EntryPath} is missing");
    }

    /// <summary>
    /// Describing does no work and always gives the same answer: two fresh workers and an in-process load describe the
    /// plugin to the same JSON, and describing writes nothing into the plugin folder.
    /// </summary>
    [Fact]
    public async Task Describe_is_pure_and_stable()
    {
        var before = FolderListing(PluginDirectory);
        var answers = new List<(string How, string Json)>();
        foreach (var (how, runtime) in new[] { ("first worker", PluginRuntime.Process), ("second worker", PluginRuntime.Process), ("in process", PluginRuntime.InProcess) })
        {
            var (session, _, description) = await OpenDescribedAsync(runtime);
            await using (session)
            {
                answers.Add((how, ToJson(description)));
            }
        }

        foreach (var (how, json) in answers.Skip(1))
        {
            Assert.True(json == answers[0].Json, $"describe changed between the first worker and the {how}:{Environment.NewLine}{answers[0].Json}{Environment.NewLine}{json}");
        }

        Assert.Equal(before, FolderListing(PluginDirectory));
    }

    /// <summary>
    /// Tool and provider ids are reverse-DNS, unique, and exactly the ones plugin.json lists, in its order; providers
    /// declare at least one model and their model ids are unique.
    /// </summary>
    [Fact]
    public async Task Ids_are_unique_and_match_plugin_json()
    {
        var (session, plugin, description) = await OpenDescribedAsync();
        await using var _ = session;
        var manifest = plugin.Manifest!;
        var problems = new List<string>();
        var toolIds = description.Tools.Select(t => t.Id).ToList();
        var providerIds = description.Providers.Select(p => p.Id).ToList();
        if (!toolIds.SequenceEqual(manifest.Tools))
        {
            problems.Add($"the plugin describes tools [{string.Join(", ", toolIds)}]; plugin.json lists [{string.Join(", ", manifest.Tools)}]");
        }

        if (!providerIds.SequenceEqual(manifest.Providers))
        {
            problems.Add($"the plugin describes providers [{string.Join(", ", providerIds)}]; plugin.json lists [{string.Join(", ", manifest.Providers)}]");
        }

        foreach (var id in toolIds.Concat(providerIds).GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"id '{id}' is used more than once");
        }

        foreach (var id in toolIds.Concat(providerIds).Where(id => !PluginManifest.IsValidId(id)))
        {
            problems.Add($"'{id}' is not a reverse-DNS id (lower-case, at least two dot-separated segments, e.g. com.studio.relight)");
        }

        foreach (var provider in description.Providers)
        {
            if (provider.Models.Count == 0)
            {
                problems.Add($"provider {provider.Id} declares no models");
            }

            foreach (var model in provider.Models.GroupBy(m => m.ModelId, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            {
                problems.Add($"provider {provider.Id} declares model '{model}' more than once");
            }

            foreach (var model in provider.Models.Where(m => m.Modes.Count == 0))
            {
                problems.Add($"provider {provider.Id} model '{model.ModelId}' supports no generation mode");
            }
        }

        foreach (var tool in description.Tools)
        {
            if (tool.Applications.Count == 0)
            {
                problems.Add($"tool {tool.Id} applies to no editorial situation (Applications is empty)");
            }

            if (tool.Targets.Count == 0)
            {
                problems.Add($"tool {tool.Id} accepts no item kind (Targets is empty)");
            }
        }

        AssertNoProblems(problems, $"plugin {plugin.Id}");
    }

    /// <summary>
    /// Every parameter id is valid and unique, every default passes its own parameter's validation (a required parameter
    /// without a default is allowed), the defaults together pass the schema, and the JSON Schema export parses and lists
    /// every parameter in order.
    /// </summary>
    [Fact]
    public async Task Parameters_have_valid_ids_defaults_and_json_schema()
    {
        var (session, plugin, description) = await OpenDescribedAsync();
        await using var _ = session;
        var problems = new List<string>();
        foreach (var tool in description.Tools)
        {
            var schema = tool.Schema;
            var ids = schema.Parameters.Select(p => p.Id).ToList();
            problems.AddRange(ids.Where(id => !ParameterId.IsMatch(id)).Select(id => $"{tool.Id}: parameter id '{id}' does not match {ParameterId}"));
            problems.AddRange(ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{tool.Id}: parameter id '{g.Key}' is used twice"));

            var defaults = schema.Defaults();
            problems.AddRange(schema.Validate(defaults)
                .Where(i => i.Severity == ValidationSeverity.Error && !IsMissingRequired(schema, i))
                .Select(i => $"{tool.Id}: the defaults are invalid: {i}"));
            foreach (var parameter in schema.Parameters.Where(p => p.DefaultValue is not null))
            {
                var issues = new List<ValidationIssue>();
                parameter.Validate(parameter.DefaultValue!.Value, parameter.Id, issues);
                problems.AddRange(issues.Where(i => i.Severity == ValidationSeverity.Error).Select(i => $"{tool.Id}: default of {parameter.Id} is invalid: {i}"));
            }

            try
            {
                using var document = JsonDocument.Parse(schema.ToJsonSchema());
                var root = document.RootElement;
                var properties = root.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
                var order = root.GetProperty("x-editing-order").EnumerateArray().Select(e => e.GetString()!).ToList();
                if (!properties.SequenceEqual(ids) || !order.SequenceEqual(ids))
                {
                    problems.Add($"{tool.Id}: the JSON Schema lists [{string.Join(", ", properties)}] in order [{string.Join(", ", order)}]; the schema has [{string.Join(", ", ids)}]");
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add($"{tool.Id}: the JSON Schema export is not usable: {e.Message}");
            }
        }

        AssertNoProblems(problems, $"plugin {plugin.Id}");
    }

    /// <summary>
    /// For every int, float, seed and keyframed parameter with hard bounds, a value just beyond each bound is an error
    /// under that parameter's id when validated through the worker, an unknown id is an error, and a run with an
    /// out-of-range value is refused before any work.
    /// </summary>
    [Fact]
    public async Task Values_beyond_hard_bounds_are_rejected()
    {
        var (session, plugin, description) = await OpenDescribedAsync();
        await using var _ = session;
        var problems = new List<string>();
        foreach (var tool in description.Tools)
        {
            var call = await PrepareToolAsync(session, tool, seed: null, withProviders: false);
            var cases = OutOfRange(tool.Schema).Append(("no_such_parameter", JsonSerializer.SerializeToElement(1))).ToList();
            foreach (var (id, value) in cases)
            {
                var values = call.Values.With(id, value);
                var issues = await session.Host.ValidateToolAsync(tool.Id, call.Clip, values, CancellationToken.None);
                if (!issues.Any(i => i.Severity == ValidationSeverity.Error && i.ParamId == id))
                {
                    problems.Add($"{tool.Id}: {id} = {value.GetRawText()} is not rejected (issues: {(issues.Count == 0 ? "none" : string.Join("; ", issues))})");
                }
            }

            if (cases.Count > 1)
            {
                var (id, value) = cases[0];
                try
                {
                    await session.Host.RunToolAsync(tool.Id, call.Clip, call.Values.With(id, value), call.Options, CancellationToken.None);
                    problems.Add($"{tool.Id}: a run with {id} = {value.GetRawText()} was not refused");
                }
                catch (PluginCallException e) when (e.Kind == PluginFailureKind.InvalidRequest)
                {
                    // Refused before any work, as it must be.
                }
                catch (PluginCallException e)
                {
                    problems.Add($"{tool.Id}: a run with {id} = {value.GetRawText()} failed with {e.Kind} instead of being refused: {e.Message}");
                }
            }
        }

        AssertNoProblems(problems, $"plugin {plugin.Id}");
    }

    /// <summary>Values just past each hard bound of every bounded numeric parameter.</summary>
    private static IEnumerable<(string Id, JsonElement Value)> OutOfRange(ControlSchema schema)
    {
        foreach (var parameter in schema.Parameters)
        {
            var bounds = parameter switch
            {
                IntParameter p => Bounds(p.Minimum, p.Maximum),
                FloatParameter p => Bounds(p.Minimum, p.Maximum),
                SeedParameter p => Bounds(p.Minimum, p.Maximum),
                KeyframedParameter { Inner: IntParameter p } => Bounds(p.Minimum, p.Maximum),
                KeyframedParameter { Inner: FloatParameter p } => Bounds(p.Minimum, p.Maximum),
                _ => [],
            };
            foreach (var value in bounds)
            {
                yield return (parameter.Id, value);
            }
        }
    }

    private static List<JsonElement> Bounds(long? minimum, long? maximum)
    {
        var values = new List<JsonElement>();
        if (minimum is { } min && min > long.MinValue)
        {
            values.Add(JsonSerializer.SerializeToElement(min - 1));
        }

        if (maximum is { } max && max < long.MaxValue)
        {
            values.Add(JsonSerializer.SerializeToElement(max + 1));
        }

        return values;
    }

    private static List<JsonElement> Bounds(double? minimum, double? maximum)
    {
        var values = new List<JsonElement>();
        var span = minimum is { } a && maximum is { } b ? b - a : 1;
        var step = Math.Max(span, 1e-6) * 0.5;
        if (minimum is { } min && double.IsFinite(min - step))
        {
            values.Add(JsonSerializer.SerializeToElement(min - step));
        }

        if (maximum is { } max && double.IsFinite(max + step))
        {
            values.Add(JsonSerializer.SerializeToElement(max + step));
        }

        return values;
    }

    private static bool IsMissingRequired(ControlSchema schema, ValidationIssue issue) =>
        schema.Find(issue.ParamId) is { Required: true, DefaultValue: null };

    /// <summary>Every file under <paramref name="folder"/> with its size and write time.</summary>
    private static List<string> FolderListing(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => new FileInfo(f))
                .Select(f => $"{Path.GetRelativePath(folder, f.FullName)} {f.Length} {f.LastWriteTimeUtc.Ticks}")
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
}
