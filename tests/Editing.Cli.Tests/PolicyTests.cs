using System.Text.Json;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Cli.Tests;

/// <summary>The studio policy gate: refused before any generation with every violation named, and <c>editing check</c>
/// for delivery QC of a finished timeline.</summary>
public sealed class PolicyTests : IDisposable
{
    private readonly DirectoryInfo _dir = EditingProcess.TempDir();

    public void Dispose() => _dir.Delete(recursive: true);

    private string Temp(string name) => Path.Combine(_dir.FullName, name);

    private string Policy(string json)
    {
        var path = Temp("studio-policy.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>The test cut with sh020 tagged as showing a person, optionally with a consent marker.</summary>
    private string TaggedCut(bool consent)
    {
        var cut = TestCut.Create(_dir.FullName);
        var timeline = OtioJson.ReadFile<Timeline>(cut);
        var sh020 = ((Track)timeline.Tracks!.Children[0]).Children.OfType<Clip>().Single(c => c.Name == "sh020");
        var at = new TimeRange(sh020.TrimmedRange().StartTime, new RationalTime(1, TestCut.Rate));
        sh020.Markers.Add(new Marker { Name = "person: Jane Doe", MarkedRange = at });
        if (consent)
        {
            sh020.Markers.Add(new Marker { Name = "consent: SAG-2026-0142", MarkedRange = at });
        }

        OtioJson.WriteFile(timeline, cut);
        return cut;
    }

    [Fact]
    public void A_violating_apply_is_refused_before_any_generation_with_every_violation_named()
    {
        var cut = TaggedCut(consent: false);
        var policy = Policy("""
            {
              "providers": { "allow": ["editing.comfyui"] },
              "training_data": ["licensed", "owned"],
              "likeness": { "require_consent": true },
              "delivery_codecs": ["dnxhr-hq"]
            }
            """);
        var output = Temp("out.otio");

        // fill reads the neighbours' frames: sh020 (the previous clip of the gap) shows Jane Doe without consent.
        var r = EditingProcess.Run("apply", cut, "--tool", "editing.fill", "--select", "gaps", "--policy", policy, "-o", output);

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("policy providers: provider editing.previs is not among the allowed providers (editing.comfyui)", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("policy training_data: model editing.previs/", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("policy likeness: sh020: the shot is tagged as showing Jane Doe and has no consent record reference", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("policy delivery_codecs: delivery codec prores-hq is not allowed", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("(4 violation(s)); nothing was generated", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(Directory.Exists(Temp("out.media")));
        Assert.DoesNotContain(Directory.EnumerateDirectories(_dir.FullName), d => Path.GetFileName(d).StartsWith(".editing-run-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_consent_reference_lets_a_tagged_shot_be_generated_from()
    {
        var cut = TaggedCut(consent: true);
        var policy = Policy("""{ "likeness": { "require_consent": true }, "providers": { "deny": ["editing.runway"] } }""");

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.fill", "--select", "gaps", "--policy", policy, "-o", Temp("out.otio"));

        Assert.True(r.ExitCode == 0, r.Stderr);
    }

    [Fact]
    public void The_policy_named_by_EDITING_POLICY_applies_when_no_option_is_given()
    {
        var cut = TestCut.Create(_dir.FullName);
        var policy = Policy("""{ "models": { "deny": ["editing.previs/previs-1"] } }""");

        var r = EditingProcess.Run(new Dictionary<string, string> { ["EDITING_POLICY"] = policy },
            "apply", cut, "--tool", "editing.variations", "--select", "sh010", "-o", Temp("out.otio"));

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("model editing.previs/previs-1 is denied by the policy", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_planned_generated_share_above_the_limit_is_refused_before_generation()
    {
        var cut = TestCut.Create(_dir.FullName);
        // V1 runs 30+30+12+30 = 102 frames; the 12-frame fill would make it 11.8% generated.
        var policy = Policy("""{ "max_generated_share": 0.10 }""");

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.fill", "--select", "gaps", "--policy", policy, "-o", Temp("out.otio"));

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("policy max_generated_share: V1: 12 of 102 frames would be generated", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Temp("out.otio")));
    }

    [Fact]
    public void Check_passes_a_compliant_timeline_and_lists_every_violation_of_a_non_compliant_one()
    {
        var cut = TestCut.Create(_dir.FullName);
        var edited = Temp("cut.edited.otio");
        var fill = EditingProcess.Run("apply", cut, "--tool", "editing.fill", "--select", "gaps", "-o", edited);
        Assert.True(fill.ExitCode == 0, fill.Stderr);
        var permissive = Policy("""{ "providers": { "allow": ["editing.previs"] }, "max_generated_share": 0.5, "delivery_codecs": ["prores-hq"] }""");

        var ok = EditingProcess.Run("check", "--policy", permissive, edited);

        Assert.True(ok.ExitCode == 0, ok.Stderr + ok.Stdout);
        Assert.Contains("complies", ok.Stdout, StringComparison.Ordinal);

        var strict = Policy("""{ "training_data": ["licensed"], "max_generated_share": 0.05, "delivery_codecs": ["dnxhr-hq"] }""");
        var bad = EditingProcess.Run("check", "--policy", strict, edited, "--json");

        Assert.Equal(3, bad.ExitCode);
        using var doc = JsonDocument.Parse(bad.Stdout);
        var rules = doc.RootElement.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("rule").GetString()).ToList();
        // Training data and codec for each generated segment, the share for each track that has one.
        var report = EditingProcess.Run("report", edited, "--format", "json");
        using var segments = JsonDocument.Parse(report.Stdout);
        var count = segments.RootElement.GetProperty("segments").GetArrayLength();
        var tracks = segments.RootElement.GetProperty("tracks").EnumerateArray().Count(t => t.GetProperty("generated_frames").GetInt64() > 0);
        Assert.True(count >= 1);
        Assert.Equal(count, rules.Count(r => r == "training_data"));
        Assert.Equal(count, rules.Count(r => r == "delivery_codecs"));
        Assert.Equal(tracks, rules.Count(r => r == "max_generated_share"));
    }

    [Theory]
    [InlineData("{ \"max_generated_share\": 2 }", "$.max_generated_share")]
    [InlineData("{ \"providers\": [\"x\"] }", "$.providers")]
    [InlineData("{ \"delivery_codecs\": [\"mpeg2\"] }", "$.delivery_codecs[0]: unknown codec 'mpeg2'")]
    [InlineData("{ \"unknown_rule\": true }", "$.unknown_rule: unknown rule")]
    [InlineData("{ \"providers\": ", "line 1")]
    public void A_malformed_policy_is_bad_input_naming_the_file_and_the_place(string json, string where)
    {
        var cut = TestCut.Create(_dir.FullName);
        var policy = Policy(json);

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.fill", "--select", "gaps", "--policy", policy, "-o", Temp("out.otio"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(policy, r.Stderr, StringComparison.Ordinal);
        Assert.Contains(where, r.Stderr, StringComparison.Ordinal);
    }
}
