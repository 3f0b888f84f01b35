using System.Text.Json;
using Editing.Sdk.Controls;

namespace Editing.Sdk.Tests.Controls;

public sealed class ControlSchemaTests
{
    private readonly ControlSchema _schema = SampleSchema.Create();

    [Fact]
    public void Defaults_of_every_type_are_valid()
    {
        var values = _schema.Defaults().With("prompt", "rain");
        Assert.Empty(_schema.Validate(values));
    }

    [Fact]
    public void Validate_reports_every_issue_at_once_with_param_ids()
    {
        // Given a request with many problems, When validated, Then every one is reported, each under its id.
        var values = ControlValues.FromJson("""
            {"frames": 50, "strength": 1.5, "move": "orbit", "tint": [2, 0, 0, 1], "colour": 1,
             "camera": {"pan": 3}, "motion_strength": [{"frame": 0, "value": 2}], "extend": {"value": -1, "rate": 24}}
            """);
        var issues = _schema.Validate(values);
        Assert.Equal(
            ["prompt", "frames", "strength", "move", "extend", "tint[0]", "camera.pan", "motion_strength[0].value", "colour"],
            issues.Select(i => i.ParamId));
        Assert.All(issues, i => Assert.Equal(ValidationSeverity.Error, i.Severity));
        Assert.Equal("a value is required (string)", issues[0].Message);
        Assert.StartsWith("unknown parameter 'colour' (known: prompt, negative_prompt, loop", issues[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Soft_range_issues_are_warnings_that_do_not_block()
    {
        var issues = _schema.Validate(_schema.Defaults().With("prompt", "x").With("frames", 125L));
        var issue = Assert.Single(issues);
        Assert.Equal(new ValidationIssue(ValidationSeverity.Warning, "frames", "125 frames is above the recommended maximum 121 frames"), issue);
    }

    [Fact]
    public void Normalize_orders_by_schema_fills_defaults_and_writes_canonical_json()
    {
        // Given two requests with the same meaning in different order and number forms
        var a = ControlValues.FromJson("""
            {"camera": {"zoom": 0.5, "pan": 0, "easing": "linear"}, "frames": 53.0, "prompt": "rain", "strength": 0.50,
             "tint": [1, 1, 1], "unknown": 1, "motion_strength": [{"value": 0.4, "frame": 12}]}
            """);
        var b = ControlValues.FromJson("""
            {"prompt": "rain", "motion_strength": 0.4, "frames": 53, "strength": 5e-1, "tint": [1, 1, 1, 1],
             "camera": {"zoom": 0.5}}
            """);

        // When normalized, Then they serialize to the same text, in schema order, with defaults filled in.
        var na = _schema.Normalize(a).ToJson();
        Assert.Equal(na, _schema.Normalize(b).ToJson());
        Assert.Equal(
            """{"prompt":"rain","negative_prompt":"","loop":false,"frames":53,"strength":0.5,"move":"static","seed":0,"extend":{"value":48,"rate":24},"tint":[1,1,1,1],"focus":{"x":0.5,"y":0.5},"first_frame":{"path":"clip:last"},"camera":{"zoom":0.5},"motion_strength":0.4}""",
            na);
    }

    [Fact]
    public void Normalize_keeps_invalid_values_as_given()
    {
        var values = ControlValues.FromJson("""{"frames": "many", "tint": [1]}""");
        var normalized = _schema.Normalize(values);
        Assert.Equal("\"many\"", normalized["frames"].GetRawText());
        Assert.Equal("[1]", normalized["tint"].GetRawText());
    }

    [Fact]
    public void Parse_arguments_reads_every_type_from_text()
    {
        var parsed = _schema.ParseArguments(
            [
                "prompt=rain = wet", "loop=yes", "frames=53", "strength=0.25", "move=dolly-in", "seed=7", "extend=2s",
                "tint=#FF000080", "focus=0.2,0.3", "crop=0,0,640,360", "first_frame=clip:first", "camera=pan=0.2,easing=ease-in",
                "motion_strength=0@0,1@48", "references=/a.png", "references=/b.jpg;/c.png",
            ],
            ParseContext.Default);
        Assert.Empty(parsed.Issues);
        Assert.True(parsed.Succeeded);
        var v = parsed.Values;
        Assert.Equal("rain = wet", v.GetString("prompt"));
        Assert.True(v.GetBool("loop"));
        Assert.Equal(53, v.GetInt64("frames"));
        Assert.Equal(0.25, v.GetDouble("strength"));
        Assert.Equal("dolly-in", v.GetString("move"));
        Assert.Equal(7, v.GetSeed("seed"));
        Assert.Equal(48, v.GetTime("extend").Value);
        Assert.Equal(new ColorValue(1, 0, 0, 128 / 255.0), v.GetColor("tint"));
        Assert.Equal(new PointValue(0.2, 0.3), v.GetPoint("focus"));
        Assert.Equal(new RectValue(0, 0, 640, 360), v.GetRect("crop"));
        Assert.True(v.GetMediaReference("first_frame").IsSymbolic);
        Assert.Equal(new CameraMotion { Pan = 0.2, Easing = Easing.EaseIn }, v.GetCameraMotion("camera"));
        Assert.Equal(0.5, v.GetKeyframed("motion_strength").ValueAt(24), 12);
        Assert.Equal(["/a.png", "/b.jpg", "/c.png"], v.GetArray("references").Select(e => e.GetProperty("path").GetString()));
    }

    [Fact]
    public void Parse_arguments_collects_every_error_at_once()
    {
        var parsed = _schema.ParseArguments(["frames", "colour=red", "=5", "strength=high", "tint=#12", "seed=1"], ParseContext.Default);
        Assert.False(parsed.Succeeded);
        Assert.Equal(["frames", "colour", "", "strength", "tint"], parsed.Issues.Select(i => i.ParamId));
        Assert.Equal("'frames' is not id=value (e.g. prompt=value)", parsed.Issues[0].Message);
        Assert.StartsWith("unknown parameter 'colour' (known: prompt, negative_prompt, loop, frames", parsed.Issues[1].Message, StringComparison.Ordinal);
        Assert.Equal(["seed"], parsed.Values.Ids);
    }

    [Fact]
    public void Parse_arguments_repeated_id_last_wins_with_a_warning()
    {
        var parsed = _schema.ParseArguments(["seed=1", "seed=2", "seed=3"], ParseContext.Default);
        Assert.Equal(3, parsed.Values.GetSeed("seed"));
        var warning = Assert.Single(parsed.Issues);
        Assert.Equal(new ValidationIssue(ValidationSeverity.Warning, "seed", "given 3 times; the last value is used"), warning);
        Assert.True(parsed.Succeeded);
    }

    [Fact]
    public void Parse_arguments_resolves_relative_paths_against_the_base_directory()
    {
        var parsed = _schema.ParseArguments(["references=refs/a.png"], new ParseContext(24, "/projects/show"));
        Assert.Equal(Path.GetFullPath("/projects/show/refs/a.png"), parsed.Values.GetArray("references")[0].GetProperty("path").GetString());
    }

    [Fact]
    public void Schema_refuses_duplicate_ids_and_bad_ids()
    {
        Assert.Throws<ArgumentException>(() => new ControlSchema(new BoolParameter("a"), new IntParameter("a")));
        Assert.Throws<ArgumentException>(() => new BoolParameter("Camera Motion"));
        Assert.Throws<ArgumentException>(() => new ControlSchema(new IntParameter("n") { Minimum = 5, Maximum = 1 }));
        Assert.Throws<ArgumentException>(() => new ControlSchema(new IntParameter("n") { Maximum = 1, Default = 2 }));
    }

    [Fact]
    public void Label_defaults_to_the_id() =>
        Assert.Equal("seed", new SeedParameter("seed").Label);

    [Fact]
    public void Values_written_with_sdk_json_validate_against_their_parameters()
    {
        var values = ControlValues.Empty
            .With("prompt", "x")
            .With("tint", new ColorValue(0.1, 0.2, 0.3, 0.4))
            .With("focus", new PointValue(0.1, 0.9))
            .With("crop", new RectValue(1, 2, 3, 4))
            .With("first_frame", new MediaReferenceValue(MediaReferenceValue.NextFirst))
            .With("camera", new CameraMotion { Truck = -0.5 })
            .With("motion_strength", new KeyframedValue([new(0, 0.1), new(10, 0.2)]))
            .With("extend", new Editing.Otio.OpenTime.RationalTime(12, 24));
        Assert.Empty(_schema.Validate(values));
        Assert.Equal("[0.1,0.2,0.3,0.4]", values["tint"].GetRawText());
        Assert.Equal("{\"truck\":-0.5}", values["camera"].GetRawText());
        Assert.Equal(JsonValueKind.Array, values["motion_strength"].ValueKind);
    }
}
