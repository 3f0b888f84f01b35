using Editing.Media.Execution;

namespace Editing.Media.Tests.Execution;

public sealed class FilterTextTests
{
    [Theory]
    [InlineData("yuv422p10le", "yuv422p10le")]
    [InlineData("(w-text_w)/2", "(w-text_w)/2")]
    [InlineData("black@0.6", "black@0.6")]
    [InlineData("01:00:00:00", @"\'01:00:00:00\'")]
    [InlineData("eq(n,47)", @"\'eq(n\,47)\'")]
    [InlineData("/tmp/it's here.txt", @"\'/tmp/it\'\\\'\'s here.txt\'")]
    [InlineData("a;b[c]", @"\'a\;b\[c\]\'")]
    public void Value_escapes_for_both_filtergraph_levels(string value, string expected)
    {
        Assert.Equal(expected, FilterText.Value(value));
    }

    [Fact]
    public void Filter_joins_escaped_options()
    {
        Assert.Equal(@"select=expr=\'eq(n\,3)\'", FilterText.Filter("select", ("expr", "eq(n,3)")));
        Assert.Equal("setsar", FilterText.Filter("setsar"));
    }
}
