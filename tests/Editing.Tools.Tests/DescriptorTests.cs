using System.Text.Json;
using Editing.Sdk.Controls;
using Editing.Sdk.Tools;
using Editing.Tools.Tests.Support;

namespace Editing.Tools.Tests;

public sealed class DescriptorTests
{
    public static TheoryData<string> ToolIds => [.. Support.Tools.PluginOf.Keys];

    [Theory]
    [MemberData(nameof(ToolIds))]
    public void Descriptor_has_its_fixed_id_version_and_a_valid_schema(string id)
    {
        // Given the tool
        var descriptor = Support.Tools.Create(id).Descriptor;

        // Then its identity is fixed and its schema is a JSON Schema document listing every parameter
        Assert.Equal(id, descriptor.Id);
        Assert.Equal("1.0.0", descriptor.Version.ToString());
        Assert.True(descriptor.Deterministic);
        Assert.NotEmpty(descriptor.Targets);
        Assert.NotEmpty(descriptor.Applications);
        using var schema = JsonDocument.Parse(descriptor.Schema.ToJsonSchema());
        var properties = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(descriptor.Schema.Parameters.Select(p => p.Id), properties);
        Assert.Equal("object", schema.RootElement.GetProperty("type").GetString());
    }

    [Theory]
    [MemberData(nameof(ToolIds))]
    public void Defaults_pass_the_schema(string id)
    {
        var schema = Support.Tools.Create(id).Descriptor.Schema;

        var issues = schema.Validate(schema.Defaults());

        Assert.Empty(issues);
    }

    [Theory]
    [MemberData(nameof(ToolIds))]
    public void Describing_twice_gives_identical_json(string id)
    {
        // Given two instances (as in-process and worker hosts make) and the same instance asked twice
        var one = Support.Tools.Create(id);
        var two = Support.Tools.Create(id);

        // Then the descriptions are the same text
        Assert.Equal(one.Descriptor.Schema.ToJsonSchema(), two.Descriptor.Schema.ToJsonSchema());
        Assert.Equal(one.Descriptor.Schema.ToJsonSchema(), one.Descriptor.Schema.ToJsonSchema());
        Assert.Equal(Summary(one.Descriptor), Summary(two.Descriptor));
    }

    [Fact]
    public void Parameter_ids_and_defaults_are_pinned()
    {
        // Values are persisted by id: these ids and defaults are the tools' public contract (version 1.0.0).
        var expected = new Dictionary<string, string>
        {
            ["editing.extend"] = """{"side":"tail","duration":{"value":48,"rate":24},"prompt":"","negative_prompt":"","seed":0,"edit":"ripple","audio":"room-tone","context_frames":16}""",
            ["editing.handles"] = """{"prompt":"","seed":0}""",
            ["editing.fill"] = """{"prompt":"","negative_prompt":"","seed":0,"first_frame":{"path":"previous:last"},"last_frame":{"path":"next:first"},"camera_motion":{}}""",
            ["editing.replace"] = """{"prompt":"","negative_prompt":"","seed":0,"from":"frames","strength":0.6,"camera_motion":{}}""",
            ["editing.variations"] = """{"count":3,"prompt":"","negative_prompt":"","seed":0,"from":"frames","strength":0.6,"camera_motion":{},"activate_first":true}""",
            ["editing.pick"] = "{}",
            ["editing.retime"] = """{"quality":"blend","seed":0}""",
        };
        var ids = new Dictionary<string, string>
        {
            ["editing.extend"] = "side duration prompt negative_prompt seed edit audio context_frames",
            ["editing.handles"] = "head_frames tail_frames prompt seed",
            ["editing.fill"] = "prompt negative_prompt seed first_frame last_frame camera_motion strength",
            ["editing.replace"] = "prompt negative_prompt seed from reference strength camera_motion",
            ["editing.variations"] = "count prompt negative_prompt seed from reference strength camera_motion activate_first",
            ["editing.pick"] = "key variant",
            ["editing.retime"] = "quality seed",
        };

        foreach (var (id, defaults) in expected)
        {
            var schema = Support.Tools.Create(id).Descriptor.Schema;
            Assert.Equal(defaults, schema.Defaults().ToJson());
            Assert.Equal(ids[id], string.Join(' ', schema.Parameters.Select(p => p.Id)));
        }
    }

    [Fact]
    public void Extend_duration_default_is_48_frames_at_24()
    {
        var duration = Assert.IsType<TimeParameter>(Support.Tools.Create("editing.extend").Descriptor.Schema.Find("duration"));

        Assert.Equal(TimeKind.Duration, duration.Kind);
        Assert.Equal(48, duration.Default!.Value.Value);
        Assert.Equal(24, duration.Default!.Value.Rate);
    }

    [Fact]
    public void Every_plugin_json_lists_exactly_its_tools()
    {
        foreach (var group in Support.Tools.PluginOf.GroupBy(p => p.Value))
        {
            // Given the plugin's manifest in the source tree
            var path = Path.Combine(RepoPaths.Root, "plugins", group.Key, "plugin.json");
            using var manifest = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = manifest.RootElement;

            // Then it names its entry assembly and exactly the tools the assembly's public tool classes describe
            Assert.Equal(group.Key + ".dll", root.GetProperty("entry").GetString());
            Assert.Equal("1.0.0", root.GetProperty("version").GetString());
            Assert.Equal("^1.0", root.GetProperty("sdk").GetString());
            Assert.Equal("inproc", root.GetProperty("runtime").GetString());
            Assert.Empty(root.GetProperty("providers").EnumerateArray());
            var listed = root.GetProperty("tools").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal).ToList();
            var assembly = Support.Tools.Create(group.First().Key).GetType().Assembly;
            var described = assembly.GetExportedTypes()
                .Where(t => typeof(IControllableTool).IsAssignableFrom(t) && !t.IsAbstract)
                .Select(t => ((IControllableTool)Activator.CreateInstance(t)!).Descriptor.Id)
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.Equal(described, listed);
            Assert.Equal(group.Select(g => g.Key).Order(StringComparer.Ordinal), listed);
        }
    }

    [Fact]
    public void Plugin_folders_hold_plugin_json_but_not_the_shared_sdk()
    {
        foreach (var project in Support.Tools.PluginOf.Values.Distinct())
        {
            // Given the plugin project's build output (its plugin folder)
            var folder = RepoPaths.PluginOutput(project);
            Assert.True(Directory.Exists(folder), $"{folder} was not built");

            // Then it ships its manifest and assembly, and takes Editing.Sdk/Editing.Otio from the host
            Assert.True(File.Exists(Path.Combine(folder, "plugin.json")));
            Assert.True(File.Exists(Path.Combine(folder, project + ".dll")));
            Assert.False(File.Exists(Path.Combine(folder, "Editing.Sdk.dll")), $"{project} ships Editing.Sdk.dll");
            Assert.False(File.Exists(Path.Combine(folder, "Editing.Otio.dll")), $"{project} ships Editing.Otio.dll");
        }
    }

    private static string Summary(ToolDescriptor d) =>
        string.Join('|', d.Id, d.Version, d.DisplayName, d.Description, string.Join(',', d.Applications), string.Join(',', d.Targets),
            string.Join(',', d.Inputs), string.Join(',', d.ProviderModes), d.Deterministic);
}
