using Editing.Sdk.Controls;
using static Editing.Sdk.Tests.Controls.TestJson;

namespace Editing.Sdk.Tests.Controls;

public sealed class ArrayParameterTests
{
    private static readonly ArrayParameter Weights = new("weights", new FloatParameter("w") { Minimum = 0, Maximum = 1 })
    {
        MinItems = 1,
        MaxItems = 3,
        Default = [Parse("0.5")],
    };

    [Fact]
    public void Array_default_is_valid()
    {
        Assert.Equal("[0.5]", DefaultJson(Weights));
        AssertValid(Weights, "[0.5]");
    }

    [Fact]
    public void Array_item_issues_are_reported_with_their_index()
    {
        var issues = Errors(Weights, "[0.5, 2, -1]");
        Assert.Equal(["weights[1]", "weights[2]"], issues.Select(i => i.ParamId));
    }

    [Fact]
    public void Array_item_count_limits_are_errors()
    {
        Assert.Equal("has 4 items; at most 3 allowed", AssertSingleError(Weights, "[0,0,0,0]"));
        Assert.Equal("has 0 items; at least 1 needed", AssertSingleError(Weights, "[]"));
        Assert.Equal("expected an array of float, got the number 0.5", AssertSingleError(Weights, "0.5"));
    }

    [Fact]
    public void Array_text_splits_on_semicolons_or_reads_a_json_array()
    {
        Assert.Equal("[0.1,0.2]", Text(Weights, "0.1; 0.2"));
        Assert.Equal("[0.1,0.2]", Text(Weights, "[0.1, 0.2]"));
        Assert.Equal("[]", Text(Weights, ""));
        Assert.Equal("item 1: 'x' is not a finite number (e.g. 0.5)", TextError(Weights, "0.1;x"));
        TextError(Weights, "[0.1,");
        TextError(Weights, "[0.1");
    }

    [Fact]
    public void Array_of_points_reports_nested_paths()
    {
        var path = new ArrayParameter("path", new PointParameter("p"));
        var issue = Assert.Single(Errors(path, "[{\"x\":0,\"y\":0},{\"x\":2,\"y\":0}]"));
        Assert.Equal("path[1].x", issue.ParamId);
        Assert.Equal("[{\"x\":0,\"y\":0},{\"x\":1,\"y\":0.5}]", Text(path, "0,0;1,0.5"));
    }

    [Fact]
    public void Array_json_text_resolves_relative_media_paths_like_bare_text()
    {
        var refs = new ArrayParameter("refs", new MediaReferenceParameter("r"));
        var context = new ParseContext(24, "/show");
        var expected = $"[{{\"path\":\"{Path.GetFullPath("/show/a.png")}\"}},{{\"path\":\"clip:first\"}}]";
        Assert.Equal(expected, Text(refs, "[{\"path\":\"a.png\"},{\"path\":\"clip:first\"}]", context));
        Assert.Equal(expected, Text(refs, "a.png;clip:first", context));
    }

    [Fact]
    public void Array_min_items_above_max_items_is_refused_by_the_schema() =>
        Assert.Throws<ArgumentException>(() => new ControlSchema(new ArrayParameter("a", new BoolParameter("b")) { MinItems = 3, MaxItems = 1 }));
}
