using System.Text.Json;
using Editing.Sdk.Controls;

namespace Editing.Sdk.Tests.Controls;

public sealed class JsonSchemaTests
{
    private static readonly JsonElement Document = Parse(SampleSchema.Create().ToJsonSchema());

    private static JsonElement Property(string id) => Document.GetProperty("properties").GetProperty(id);

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void Json_schema_is_a_2020_12_object_schema_with_properties_in_schema_order()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Document.GetProperty("$schema").GetString());
        Assert.Equal("object", Document.GetProperty("type").GetString());
        Assert.False(Document.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["prompt"], Strings(Document.GetProperty("required")));
        var ids = SampleSchema.Create().Parameters.Select(p => p.Id).ToArray();
        Assert.Equal(ids, Document.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(ids, Strings(Document.GetProperty("x-editing-order")));
    }

    [Fact]
    public void Json_schema_names_a_widget_and_type_for_every_parameter()
    {
        var widgets = Document.GetProperty("properties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("x-editing-widget").GetString());
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["prompt"] = "textarea",
                ["negative_prompt"] = "textarea",
                ["loop"] = "checkbox",
                ["frames"] = "slider",
                ["strength"] = "slider",
                ["move"] = "select",
                ["seed"] = "seed",
                ["extend"] = "timecode",
                ["tint"] = "color",
                ["focus"] = "point",
                ["crop"] = "rect",
                ["first_frame"] = "file",
                ["camera"] = "camera-motion",
                ["motion_strength"] = "keyframes",
                ["references"] = "list",
            },
            widgets);
        Assert.All(Document.GetProperty("properties").EnumerateObject(), p =>
        {
            Assert.False(string.IsNullOrEmpty(p.Value.GetProperty("x-editing-type").GetString()));
            Assert.False(string.IsNullOrEmpty(p.Value.GetProperty("title").GetString()));
        });
        Assert.Equal("number", SchemaOf(new FloatParameter("x") { Minimum = 0 }).GetProperty("x-editing-widget").GetString());
        Assert.Equal("text", SchemaOf(new StringParameter("x")).GetProperty("x-editing-widget").GetString());
    }

    [Fact]
    public void Json_schema_numbers_carry_ranges_steps_soft_ranges_and_units()
    {
        var frames = Property("frames");
        Assert.Equal("integer", frames.GetProperty("type").GetString());
        Assert.Equal(1, frames.GetProperty("minimum").GetInt64());
        Assert.Equal(257, frames.GetProperty("maximum").GetInt64());
        Assert.False(frames.TryGetProperty("multipleOf", out _)); // the grid 1 + 4k is not a multiple of 4
        Assert.Equal(4, frames.GetProperty("x-editing-step").GetInt64());
        Assert.Equal(121, frames.GetProperty("x-editing-soft-maximum").GetInt64());
        Assert.Equal("frames", frames.GetProperty("x-editing-unit").GetString());
        Assert.Equal(49, frames.GetProperty("default").GetInt64());

        var strength = Property("strength");
        Assert.Equal("number", strength.GetProperty("type").GetString());
        Assert.Equal(0.05, strength.GetProperty("multipleOf").GetDouble());
        Assert.Equal(0.2, strength.GetProperty("x-editing-soft-minimum").GetDouble());
        Assert.Equal(4294967295, Property("seed").GetProperty("maximum").GetInt64());
    }

    [Fact]
    public void Json_schema_enums_list_values_with_const_and_title()
    {
        var move = Property("move");
        Assert.Equal(["static", "dolly-in"], Strings(move.GetProperty("enum")));
        var options = move.GetProperty("oneOf").EnumerateArray().ToArray();
        Assert.Equal("dolly-in", options[1].GetProperty("const").GetString());
        Assert.Equal("Dolly in", options[1].GetProperty("title").GetString());
        Assert.Equal("Toward the subject", options[1].GetProperty("description").GetString());
        Assert.Equal("static", move.GetProperty("default").GetString());
    }

    [Fact]
    public void Json_schema_strings_carry_length_unit_role_group_and_advanced()
    {
        var prompt = Property("prompt");
        Assert.Equal("string", prompt.GetProperty("type").GetString());
        Assert.Equal(500, prompt.GetProperty("maxLength").GetInt32());
        Assert.Equal("characters", prompt.GetProperty("x-editing-length-unit").GetString());
        Assert.Equal("prompt", prompt.GetProperty("x-editing-role").GetString());
        Assert.Equal("Prompt", prompt.GetProperty("title").GetString());
        Assert.Equal("Content", prompt.GetProperty("x-editing-group").GetString());

        var negative = Property("negative_prompt");
        Assert.False(negative.TryGetProperty("maxLength", out _)); // words are not JSON Schema characters
        Assert.Equal(60, negative.GetProperty("x-editing-max-length").GetInt32());
        Assert.Equal("words", negative.GetProperty("x-editing-length-unit").GetString());
        Assert.Equal("negative-prompt", negative.GetProperty("x-editing-role").GetString());
        Assert.True(negative.GetProperty("x-editing-advanced").GetBoolean());
        Assert.Equal("Make the last frame match the first.", Property("loop").GetProperty("description").GetString());
    }

    [Fact]
    public void Json_schema_structured_types_describe_their_json_forms()
    {
        var extend = Property("extend");
        Assert.Equal("object", extend.GetProperty("type").GetString());
        Assert.Equal(["value", "rate"], Strings(extend.GetProperty("required")));
        Assert.Equal("duration", extend.GetProperty("x-editing-time-kind").GetString());
        Assert.Equal(10, extend.GetProperty("x-editing-maximum").GetProperty("value").GetDouble());

        var tint = Property("tint");
        Assert.Equal("array", tint.GetProperty("type").GetString());
        Assert.Equal(4, tint.GetProperty("maxItems").GetInt32());
        Assert.Equal(1, tint.GetProperty("items").GetProperty("maximum").GetDouble());

        Assert.Equal("normalized", Property("focus").GetProperty("x-editing-coordinate-system").GetString());
        Assert.Equal(1, Property("focus").GetProperty("properties").GetProperty("x").GetProperty("maximum").GetDouble());
        Assert.Equal("pixels", Property("crop").GetProperty("x-editing-coordinate-system").GetString());
        Assert.False(Property("crop").GetProperty("properties").GetProperty("x").TryGetProperty("maximum", out _));

        var first = Property("first_frame");
        Assert.Equal("frame", first.GetProperty("x-editing-media-kind").GetString());
        Assert.Equal("first", first.GetProperty("x-editing-role").GetString());
        Assert.Equal("clip:last", first.GetProperty("default").GetProperty("path").GetString());

        var camera = Property("camera");
        Assert.Equal(-1, camera.GetProperty("properties").GetProperty("pan").GetProperty("minimum").GetDouble());
        Assert.Contains("ease-in-out", Strings(camera.GetProperty("properties").GetProperty("easing").GetProperty("enum")));
        Assert.Equal("Camera", camera.GetProperty("x-editing-group").GetString());

        var keys = Property("motion_strength");
        Assert.Equal("smooth", keys.GetProperty("x-editing-interpolation").GetString());
        var branches = keys.GetProperty("oneOf").EnumerateArray().ToArray();
        Assert.Equal("number", branches[0].GetProperty("type").GetString());
        Assert.Equal("array", branches[1].GetProperty("type").GetString());
        Assert.Equal(1, branches[1].GetProperty("items").GetProperty("properties").GetProperty("value").GetProperty("maximum").GetDouble());
        Assert.Equal(0.3, keys.GetProperty("default").GetDouble());

        var references = Property("references");
        Assert.Equal(4, references.GetProperty("maxItems").GetInt32());
        Assert.Equal([".png", ".jpg"], Strings(references.GetProperty("items").GetProperty("x-editing-extensions")));
        Assert.Equal("style", references.GetProperty("items").GetProperty("x-editing-role").GetString());
    }

    [Fact]
    public void Empty_schema_describes_an_object_without_properties()
    {
        var doc = Parse(ControlSchema.Empty.ToJsonSchema());
        Assert.Empty(doc.GetProperty("properties").EnumerateObject());
        Assert.Empty(doc.GetProperty("required").EnumerateArray());
    }

    private static JsonElement SchemaOf(ControlParameter parameter) => TestJson.SchemaOf(parameter);
}
