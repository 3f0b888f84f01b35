using System.Globalization;
using System.Text.Json;

namespace Editing.Cli.Tests;

/// <summary>
/// The ledger around <c>editing apply</c>, end to end: the AI-disclosure report (checked against segments computed
/// here from the timeline JSON with plain arithmetic, not with our OTIO library), <c>verify</c> against the provenance
/// sidecars, and <c>history</c>/<c>undo</c>.
/// </summary>
public sealed class LedgerTests : IDisposable
{
    private readonly DirectoryInfo _dir = EditingProcess.TempDir();

    public void Dispose() => _dir.Delete(recursive: true);

    private string Temp(string name) => Path.Combine(_dir.FullName, name);

    private static void Ok(EditingProcess.Result r) => Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.Stderr}\n{r.Stdout}");

    /// <summary>The demo's steps on the small test cut: extend sh010's tail, fill the gap, three variations of sh030.</summary>
    private string DemoEdits()
    {
        var cut = TestCut.Create(_dir.FullName);
        var edited = Temp("cut.edited.otio");
        Ok(EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "sh010", "--param", "side=tail", "--param", "duration=12", "--param", "prompt=the corridor goes on", "-o", edited));
        Ok(EditingProcess.Run("apply", edited, "--tool", "editing.fill", "--select", "gaps", "--in-place"));
        Ok(EditingProcess.Run("apply", edited, "--tool", "editing.variations", "--select", "sh030", "--param", "count=3", "--in-place"));
        return edited;
    }

    /// <summary>Non-drop timecode at a 24-frame timebase (23.976 is non-drop).</summary>
    private static string Timecode(long frame)
    {
        var ff = frame % 24;
        var s = frame / 24;
        return string.Create(CultureInfo.InvariantCulture, $"{s / 3600:00}:{s / 60 % 60:00}:{s % 60:00}:{ff:00}");
    }

    private sealed record Expected(string Track, string Shot, string In, string Out, long Frames, string Model, long Seed);

    /// <summary>Walks the timeline JSON: record position = global start + the durations of everything before on the track.</summary>
    private static (List<Expected> Segments, Dictionary<string, (long Runtime, long Generated)> Tracks) Independently(string timelinePath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(timelinePath));
        var root = doc.RootElement;
        var global = (long)Math.Round(root.GetProperty("global_start_time").GetProperty("value").GetDouble());
        var segments = new List<Expected>();
        var tracks = new Dictionary<string, (long, long)>();
        foreach (var track in root.GetProperty("tracks").GetProperty("children").EnumerateArray())
        {
            var name = track.GetProperty("name").GetString()!;
            long position = 0, generated = 0;
            foreach (var child in track.GetProperty("children").EnumerateArray())
            {
                var duration = (long)Math.Round(child.GetProperty("source_range").GetProperty("duration").GetProperty("value").GetDouble());
                if (child.GetProperty("OTIO_SCHEMA").GetString()!.StartsWith("Clip.", StringComparison.Ordinal))
                {
                    var key = child.GetProperty("active_media_reference_key").GetString()!;
                    var reference = child.GetProperty("media_references").GetProperty(key);
                    if (reference.GetProperty("metadata").TryGetProperty("editing", out var block) && block.GetProperty("generated").GetBoolean())
                    {
                        segments.Add(new Expected(name, child.GetProperty("name").GetString()!, Timecode(global + position), Timecode(global + position + duration),
                            duration, block.GetProperty("model").GetString()!, block.GetProperty("seed").GetInt64()));
                        generated += duration;
                    }
                }

                position += duration;
            }

            tracks[name] = (position, generated);
        }

        return (segments, tracks);
    }

    [Fact]
    public void The_report_of_the_demo_edits_lists_exactly_the_generated_segments_with_their_timecodes_and_totals()
    {
        var edited = DemoEdits();
        var (expected, tracks) = Independently(edited);
        // At least the extension, the fill and the active variation on V1.
        Assert.True(expected.Count(e => e.Track == "V1") >= 3, string.Join("\n", expected));

        var r = EditingProcess.Run("report", edited, "--format", "json");

        Ok(r);
        using var report = JsonDocument.Parse(r.Stdout);
        var segments = report.RootElement.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(expected.Count, segments.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var s = segments[i];
            var e = expected[i];
            Assert.Equal(e.Track, s.GetProperty("track").GetString());
            Assert.Equal(e.Shot, s.GetProperty("shot").GetString());
            Assert.Equal(e.In, s.GetProperty("record_in").GetString());
            Assert.Equal(e.Out, s.GetProperty("record_out").GetString());
            Assert.Equal(e.Frames, s.GetProperty("frames").GetInt64());
            Assert.Equal(e.Model, s.GetProperty("model").GetString());
            Assert.Equal(e.Seed, s.GetProperty("seed").GetInt64());
            Assert.StartsWith("editing.", s.GetProperty("tool").GetString(), StringComparison.Ordinal);
            Assert.Equal("editing.previs", s.GetProperty("provider").GetString());
            Assert.False(string.IsNullOrEmpty(s.GetProperty("training_data").GetString()));
        }

        // The extension continues real footage; the fill and the variation are wholly generated.
        Assert.Equal("compositeWithTrainedAlgorithmicMedia", segments[0].GetProperty("digital_source_type").GetString());
        Assert.Equal("the corridor goes on", segments[0].GetProperty("prompt").GetString());
        Assert.Equal("trainedAlgorithmicMedia", segments[1].GetProperty("digital_source_type").GetString());
        foreach (var t in report.RootElement.GetProperty("tracks").EnumerateArray())
        {
            var (runtime, generated) = tracks[t.GetProperty("track").GetString()!];
            Assert.Equal(runtime, t.GetProperty("runtime_frames").GetInt64());
            Assert.Equal(generated, t.GetProperty("generated_frames").GetInt64());
            Assert.Equal((double)generated / runtime, t.GetProperty("share").GetDouble(), 9);
        }
    }

    [Fact]
    public void The_markdown_csv_and_html_reports_carry_every_segment_and_the_html_a_thumbnail_each()
    {
        var edited = DemoEdits();
        var (expected, _) = Independently(edited);

        var md = EditingProcess.Run("report", edited);
        var csv = EditingProcess.Run("report", edited, "--format", "csv");
        var htmlPath = Temp("disclosure.html");
        var html = EditingProcess.Run("report", edited, "--format", "html", "-o", htmlPath);

        Ok(md);
        Ok(csv);
        Ok(html);
        foreach (var e in expected)
        {
            Assert.Contains($"| {e.Track} | {e.Shot} | {e.In} | {e.Out} | {e.Frames} |", md.Stdout, StringComparison.Ordinal);
        }

        var rows = csv.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Count + 1, rows.Length);
        Assert.StartsWith("track,kind,shot,record_in,record_out,frames", rows[0], StringComparison.Ordinal);
        var page = File.ReadAllText(htmlPath);
        Assert.Equal(expected.Count, CountOf(page, "<tr class=\"segment\">"));
        Assert.Equal(expected.Count, CountOf(page, "src=\"data:image/png;base64,"));
        Assert.DoesNotContain("media unavailable", page, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    [Fact]
    public void A_timeline_without_generated_media_reports_no_segments_and_zero_share()
    {
        var cut = TestCut.Create(_dir.FullName);

        var r = EditingProcess.Run("report", cut, "--format", "json");

        Ok(r);
        using var report = JsonDocument.Parse(r.Stdout);
        Assert.Empty(report.RootElement.GetProperty("segments").EnumerateArray());
        Assert.All(report.RootElement.GetProperty("tracks").EnumerateArray(), t => Assert.Equal(0, t.GetProperty("share").GetDouble()));
    }

    [Fact]
    public void Verify_passes_untouched_media_and_detects_one_changed_byte_a_deleted_sidecar_and_a_missing_file()
    {
        var cut = TestCut.Create(_dir.FullName);
        var edited = Temp("cut.edited.otio");
        Ok(EditingProcess.Run("apply", cut, "--tool", "editing.variations", "--select", "sh010", "--select", "sh020", "--select", "sh030", "--param", "count=2", "-o", edited));
        var clean = EditingProcess.Run("verify", edited, "--json");
        Ok(clean);
        using (var doc = JsonDocument.Parse(clean.Stdout))
        {
            // Two variants of each of the three V1 shots.
            Assert.True(doc.RootElement.GetProperty("ok").GetBoolean());
            Assert.Equal(6, doc.RootElement.GetProperty("media").GetArrayLength());
        }

        var media = Directory.GetFiles(Temp("cut.edited.media"), "*.mov").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(6, media.Count);
        using (var f = new FileStream(media[0], FileMode.Open, FileAccess.ReadWrite))
        {
            f.Seek(f.Length / 2, SeekOrigin.Begin);
            var b = f.ReadByte();
            f.Seek(-1, SeekOrigin.Current);
            f.WriteByte((byte)(b ^ 0x01));
        }

        File.Delete(media[1] + ".provenance.json");
        File.Delete(media[2]);

        var r = EditingProcess.Run("verify", edited, "--json");

        Assert.Equal(3, r.ExitCode);
        using var result = JsonDocument.Parse(r.Stdout);
        Assert.False(result.RootElement.GetProperty("ok").GetBoolean());
        string StatusOf(string file) => result.RootElement.GetProperty("media").EnumerateArray()
            .First(m => m.GetProperty("media").GetString() == file).GetProperty("status").GetString()!;
        Assert.Equal("modified", StatusOf(media[0]));
        Assert.Equal("unrecorded", StatusOf(media[1]));
        Assert.Equal("missing", StatusOf(media[2]));
        Assert.Equal("ok", StatusOf(media[3]));
        var text = EditingProcess.Run("verify", edited);
        Assert.Equal(3, text.ExitCode);
        Assert.Contains("1 modified", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("missing", text.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Undo_after_two_applies_restores_the_first_version_byte_for_byte_and_history_lists_all()
    {
        var cut = TestCut.Create(_dir.FullName);
        var edited = Temp("cut.edited.otio");
        Ok(EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "sh010", "--param", "side=tail", "--param", "duration=6", "-o", edited));
        var first = File.ReadAllBytes(edited);
        Ok(EditingProcess.Run("apply", edited, "--tool", "editing.fill", "--select", "gaps", "--in-place"));
        var second = File.ReadAllBytes(edited);
        Assert.NotEqual(first, second);

        var undo = EditingProcess.Run("undo", edited);

        Ok(undo);
        Assert.Equal(first, File.ReadAllBytes(edited));
        var history = EditingProcess.Run("history", edited);
        Ok(history);
        var lines = history.Stdout.Split('\n').Where(l => l.StartsWith('#')).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains("apply editing.extend on sh010", lines[0], StringComparison.Ordinal);
        Assert.Contains("(undone)", lines[1], StringComparison.Ordinal);
        Assert.Contains("undo #2", lines[2], StringComparison.Ordinal);
        Assert.Contains(Environment.UserName, lines[0], StringComparison.Ordinal);

        // The first apply created the file: there is nothing before it to restore.
        var again = EditingProcess.Run("undo", edited);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("created this file", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(first, File.ReadAllBytes(edited));
    }

    [Theory]
    [InlineData("report")]
    [InlineData("verify")]
    [InlineData("check")]
    public void A_missing_timeline_is_bad_input_naming_the_file(string verb)
    {
        var missing = Temp("no such cut.otio");
        var policy = Temp("policy.json");
        File.WriteAllText(policy, "{}");
        string[] args = verb == "check" ? [verb, "--policy", policy, missing] : [verb, missing];

        var r = EditingProcess.Run(args);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(missing, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_journal_is_bad_input_naming_its_line_and_the_timeline_is_left_alone()
    {
        var timeline = Temp("cut.otio");
        File.WriteAllText(timeline, "{}");
        Directory.CreateDirectory(timeline + ".history");
        File.WriteAllText(Path.Combine(timeline + ".history", "journal.jsonl"), "{\"seq\": 1, \"action\": \"apply\"}\nnot json\n");

        var history = EditingProcess.Run("history", timeline);
        var undo = EditingProcess.Run("undo", timeline);

        Assert.Equal(2, history.ExitCode);
        Assert.Contains("journal.jsonl:2:", history.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, undo.ExitCode);
        Assert.Equal("{}", File.ReadAllText(timeline));
    }

    [Fact]
    public void The_journal_records_who_what_inputs_and_outputs_of_each_apply()
    {
        var cut = TestCut.Create(_dir.FullName);
        var edited = Temp("cut.edited.otio");
        Ok(EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "sh020", "--param", "side=head", "--param", "duration=6", "-o", edited));

        var r = EditingProcess.Run("history", edited, "--json");

        Ok(r);
        using var entry = JsonDocument.Parse(r.Stdout.Trim());
        var e = entry.RootElement;
        Assert.Equal(1, e.GetProperty("seq").GetInt32());
        Assert.Equal("apply", e.GetProperty("action").GetString());
        Assert.Equal(Environment.UserName, e.GetProperty("who").GetString());
        Assert.Equal("editing.extend", e.GetProperty("tool").GetString());
        Assert.Equal(TestCut.Sha256(cut), e.GetProperty("input").GetProperty("sha256").GetString());
        Assert.Equal(TestCut.Sha256(edited), e.GetProperty("output").GetProperty("sha256").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("previous_version").ValueKind);
        var media = e.GetProperty("items")[0].GetProperty("media")[0].GetString()!;
        Assert.True(File.Exists(media));
    }
}

/// <summary>The provenance sidecars follow the published JSON Schema (<c>docs/provenance.schema.json</c>).</summary>
public sealed class ProvenanceSchemaTests : IDisposable
{
    private readonly DirectoryInfo _dir = EditingProcess.TempDir();

    public void Dispose() => _dir.Delete(recursive: true);

    private static string Schema()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Editing.sln")))
            {
                return Path.Combine(d.FullName, "docs", "provenance.schema.json");
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    /// <summary>The subset of JSON Schema the record's schema uses: type, required, properties, items, enum, const,
    /// pattern, minimum. Returns every problem with its JSON path.</summary>
    private static IEnumerable<string> Check(JsonElement schema, JsonElement value, string path)
    {
        if (schema.TryGetProperty("const", out var constant) && constant.GetRawText() != value.GetRawText())
        {
            yield return $"{path}: expected {constant.GetRawText()}, found {value.GetRawText()}";
        }

        if (schema.TryGetProperty("enum", out var options) && options.EnumerateArray().All(o => o.GetRawText() != value.GetRawText()))
        {
            yield return $"{path}: {value.GetRawText()} is not one of {options.GetRawText()}";
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var ok = type.GetString() switch
            {
                "object" => value.ValueKind == JsonValueKind.Object,
                "array" => value.ValueKind == JsonValueKind.Array,
                "string" => value.ValueKind == JsonValueKind.String,
                "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
                _ => true,
            };
            if (!ok)
            {
                yield return $"{path}: expected {type.GetString()}, found {value.ValueKind}";
                yield break;
            }
        }

        if (schema.TryGetProperty("pattern", out var pattern) && value.ValueKind == JsonValueKind.String
            && !System.Text.RegularExpressions.Regex.IsMatch(value.GetString()!, pattern.GetString()!))
        {
            yield return $"{path}: '{value.GetString()}' does not match {pattern.GetString()}";
        }

        if (schema.TryGetProperty("minimum", out var minimum) && value.ValueKind == JsonValueKind.Number && value.GetDouble() < minimum.GetDouble())
        {
            yield return $"{path}: below {minimum.GetDouble()}";
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var r in required.EnumerateArray().Select(r => r.GetString()!).Where(r => !value.TryGetProperty(r, out _)))
                {
                    yield return $"{path}.{r}: missing";
                }
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var p in properties.EnumerateObject())
                {
                    if (value.TryGetProperty(p.Name, out var v))
                    {
                        foreach (var problem in Check(p.Value, v, $"{path}.{p.Name}"))
                        {
                            yield return problem;
                        }
                    }
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var v in value.EnumerateArray())
            {
                foreach (var problem in Check(items, v, $"{path}[{i++}]"))
                {
                    yield return problem;
                }
            }
        }
    }

    [Fact]
    public void Sidecars_of_an_extension_and_a_fill_follow_the_published_schema()
    {
        var cut = TestCut.Create(_dir.FullName);
        var edited = Path.Combine(_dir.FullName, "cut.edited.otio");
        var a = EditingProcess.Run("apply", cut, "--tool", "editing.extend", "--select", "sh010", "--param", "side=tail", "--param", "duration=6", "-o", edited);
        Assert.True(a.ExitCode == 0, a.Stderr);
        var b = EditingProcess.Run("apply", edited, "--tool", "editing.fill", "--select", "gaps", "--in-place");
        Assert.True(b.ExitCode == 0, b.Stderr);
        using var schema = JsonDocument.Parse(File.ReadAllText(Schema()));

        var sidecars = Directory.GetFiles(Path.Combine(_dir.FullName, "cut.edited.media"), "*.provenance.json");

        Assert.Equal(2, sidecars.Length);
        foreach (var sidecar in sidecars)
        {
            using var record = JsonDocument.Parse(File.ReadAllText(sidecar));
            var problems = Check(schema.RootElement, record.RootElement, "$").ToList();
            Assert.True(problems.Count == 0, $"{sidecar}:\n{string.Join("\n", problems)}");
            Assert.NotEmpty(record.RootElement.GetProperty("ingredients").EnumerateArray());
        }
    }
}
