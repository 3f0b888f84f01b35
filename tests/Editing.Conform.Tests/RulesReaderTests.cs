using System.Text;
using Editing.Conform.Rules;

namespace Editing.Conform.Tests;

public sealed class RulesReaderTests
{
    [Fact]
    public void Every_rule_is_read_from_the_documented_keys()
    {
        var rules = Parse("""
            {
              "namePatterns": [ { "clip": "^(?<shot>sh\\d{3})", "file": "${shot}_comp_v*.mov" } ],
              "versionPattern": "_ver(\\d+)$",
              "reelAliases": { "A001C003": "A001_C003_0101AB" },
              "reelPattern": "^([A-Z]\\d{3})",
              "extensions": ["MXF", ".mov"],
              "preferNewestVersion": false,
              "handlesFollowSpeed": true,
              "clipReelKeys": ["my.reel"]
            }
            """);

        Assert.Equal("${shot}_comp_v*.mov", Assert.Single(rules.NamePatterns).FilePattern);
        Assert.Equal("_ver(\\d+)$", rules.VersionPattern.ToString());
        Assert.Equal("A001_C003_0101AB", rules.ReelAliases["A001C003"]);
        Assert.NotNull(rules.ReelPattern);
        Assert.Equal(new[] { ".mxf", ".mov" }, rules.Extensions);
        Assert.False(rules.PreferNewestVersion);
        Assert.True(rules.HandlesFollowSpeed);
        Assert.Equal(new[] { "my.reel" }, rules.ClipReelKeys);
    }

    [Fact]
    public void An_empty_object_gives_the_defaults()
    {
        var rules = Parse("{}");
        Assert.Equal(ConformRules.DefaultVersionPattern, rules.VersionPattern.ToString());
        Assert.True(rules.PreferNewestVersion);
        Assert.Contains(".mov", rules.Extensions);
    }

    [Theory]
    [InlineData("{\"versionPattern\": \"_v\\\\d+\"}", "rules.json:1:20: at versionPattern: the pattern '_v\\d+' must capture the version")]
    [InlineData("{\n  \"namePatterns\": [ { \"clip\": \"(\" , \"file\": \"x*\" } ]\n}", "rules.json:2:31: at namePatterns[0].clip: invalid regular expression '('")]
    [InlineData("{\"namePatterns\": [ { \"clip\": \"^sh\", \"file\": \"$2_*.mov\" } ]}", "rules.json:1:45: at namePatterns[0].file: '$2_*.mov' refers to group 2")]
    [InlineData("{\"namePatterns\": [ { \"clip\": \"^sh\" } ]}", "rules.json:1:20: at namePatterns[0]: a name pattern needs both")]
    [InlineData("{\"extension\": [\".mov\"]}", "rules.json:1:15: at extension: unknown key 'extension'")]
    [InlineData("{\"preferNewestVersion\": \"yes\"}", "rules.json:1:25: at preferNewestVersion: expected true or false, found a string")]
    [InlineData("{\"extensions\": []}", "rules.json:1:16: at extensions: the list of extensions is empty")]
    [InlineData("{\"reelAliases\": {\"A\": \"x\", \"a\": \"y\"}}", "rules.json:1:33: at reelAliases.a: reel alias 'a' is the same reel")]
    [InlineData("{\n\"extensions\": [\".mov\" \".mxf\"]}", "rules.json:2:23: invalid JSON")]
    [InlineData("[]", "rules.json:1:1: expected an object, found an array")]
    public void A_wrong_rules_file_names_the_file_line_column_and_key(string json, string expected)
    {
        var error = Assert.Throws<ConformInputException>(() => Parse(json));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rules_file_that_does_not_exist_is_named()
    {
        var error = Assert.Throws<ConformInputException>(() => ConformRulesReader.Read("/nonexistent/rules.json"));
        Assert.StartsWith("/nonexistent/rules.json: cannot read", error.Message, StringComparison.Ordinal);
    }

    private static ConformRules Parse(string json) => ConformRulesReader.Parse("rules.json", Encoding.UTF8.GetBytes(json));
}
