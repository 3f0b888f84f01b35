using System.Text.Json;

namespace Editing.Cli.Tests;

/// <summary><c>editing plugins</c> and <c>editing tools</c> as scripts and TDs use them.</summary>
public sealed class PluginCliTests
{
    [Fact]
    public void Plugins_list_shows_the_built_in_previs_provider_and_tools()
    {
        var r = EditingProcess.Run("plugins", "list", "--json");

        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var ids = doc.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Contains("editing.previs", ids);
        Assert.All(doc.RootElement.EnumerateArray(), p => Assert.Equal("ok", p.GetProperty("status").GetString()));
    }

    [Fact]
    public void Plugins_doctor_reports_every_plugin_loading()
    {
        var r = EditingProcess.Run("plugins", "doctor");

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Contains("all plugins load", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Tools_describe_json_is_a_json_schema_2020_12_document_with_ui_hints()
    {
        var r = EditingProcess.Run("tools", "describe", "editing.extend", "--json");

        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal("object", root.GetProperty("type").GetString());
        var duration = root.GetProperty("properties").GetProperty("duration");
        Assert.True(duration.TryGetProperty("x-editing-widget", out _));
        Assert.Equal("editing.extend", root.GetProperty("x-editing-tool").GetProperty("id").GetString());
    }

    [Fact]
    public void Tools_list_names_every_built_in_tool()
    {
        var r = EditingProcess.Run("tools", "list");

        Assert.True(r.ExitCode == 0, r.Stderr);
        foreach (var id in new[] { "editing.extend", "editing.fill", "editing.replace", "editing.variations", "editing.pick", "editing.handles", "editing.retime" })
        {
            Assert.Contains(id, r.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Describing_an_unknown_tool_is_a_clear_error()
    {
        var r = EditingProcess.Run("tools", "describe", "com.example.nope");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("com.example.nope", r.Stderr, StringComparison.Ordinal);
    }
}
