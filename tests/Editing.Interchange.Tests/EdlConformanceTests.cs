using System.Globalization;
using System.Text;
using System.Text.Json;
using Editing.Conformance;
using Editing.Interchange.Edl;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;
using Xunit.Abstractions;

namespace Editing.Interchange.Tests;

/// <summary>
/// Every EDL sample of <c>conformance/interchange/edl</c> (STATUS.tsv and the reference adapter's own test cases in
/// from-tests/INDEX.tsv) reads to the reference timeline, compared as OTIO JSON written by our writer, and writes back
/// to the reference's EDL bytes; where the reference fails, we fail with an <see cref="InterchangeException"/>.
/// </summary>
public sealed class EdlConformanceTests(ITestOutputHelper output)
{
    private const string Absent = "(shared/conformance/interchange absent)";

    /// <summary>
    /// Cases where we knowingly differ from the reference, with the reason. A case listed here is checked to still
    /// differ, so the table cannot go stale.
    /// </summary>
    private static readonly Dictionary<string, string> KnownDifferences = new(StringComparer.Ordinal)
    {
        // Not an adapter difference but an artefact of how the case was recorded: the reference test wrote the EDL
        // from the timeline it had just read from speed_effects_small.edl (time_scalar = 47.6 / 24 =
        // 1.9833333333333334, printed back as 47.6), while 015.write.input.otio is that timeline dumped to JSON.
        // Reading the dump back with the reference C++ JSON reader (RapidJSON without full precision, which our
        // reader reproduces bit for bit) gives 1.9833333333333336, and 1.9833333333333336 × 24 prints as
        // 47.60000000000001. Reading the EDL and writing it (the speed_effects_small.edl STATUS rows) gives 47.6.
        ["edl-test:015"] = "input .otio reads one ulp off (reference JSON reader); M2 speed prints 47.60000000000001 instead of 47.6",
    };

    public static IEnumerable<object[]> StatusRows()
    {
        var dir = SharedData.Interchange;
        if (dir is null)
        {
            yield return [Absent];
            yield break;
        }
        foreach (var line in File.ReadLines(Path.Combine(dir, "edl", "STATUS.tsv")).Skip(1).Where(l => l.Length > 0))
        {
            var p = line.Split('\t');
            yield return [$"{p[0]}#{p[1]}"];
        }
    }

    public static IEnumerable<object[]> FromTestRows()
    {
        var dir = SharedData.Interchange;
        if (dir is null)
        {
            yield return [Absent];
            yield break;
        }
        foreach (var line in File.ReadLines(Path.Combine(dir, "edl", "from-tests", "INDEX.tsv")).Skip(1).Where(l => l.Length > 0))
        {
            yield return [line.Split('\t')[0]];
        }
    }

    [Theory]
    [MemberData(nameof(StatusRows))]
    public void Sample_reads_to_the_reference_timeline_and_writes_back_the_reference_edl(string id)
    {
        if (id == Absent)
        {
            output.WriteLine("SKIPPED: " + Absent);
            return;
        }
        var dir = Path.Combine(SharedData.Interchange!, "edl");
        var row = File.ReadLines(Path.Combine(dir, "STATUS.tsv")).Skip(1).Select(l => l.Split('\t')).Single(p => $"{p[0]}#{p[1]}" == id);
        var (file, rate, options, read, writeEdl, message) = (row[0], row[3], row[4], row[5], row[7], row[11]);
        var readOptions = new EdlReadOptions
        {
            Rate = double.Parse(rate, CultureInfo.InvariantCulture),
            IgnoreTimecodeMismatch = options.Contains("ignore_timecode_mismatch=True", StringComparison.Ordinal),
        };
        var input = Path.Combine(dir, "inputs", file);
        Check(id, () =>
        {
            if (read != "ok")
            {
                var e = Assert.Throws<InterchangeException>(() => CmxEdl.ReadFile(input, readOptions));
                output.WriteLine($"reference: {message}\nours:      {e.Message}");
                Assert.Contains(input, e.Message, StringComparison.Ordinal);
                Assert.True(e.Line > 0, "a read error names the line");
                return;
            }
            var timeline = CmxEdl.ReadFile(input, readOptions);
            AssertSameOtio(Path.Combine(dir, "expected", file + ".otio"), timeline);
            if (writeEdl == "ok")
            {
                var expected = File.ReadAllText(Path.Combine(dir, "expected", file + ".roundtrip.edl"));
                Assert.Equal(expected, CmxEdl.Write(timeline));
            }
            else
            {
                var e = Assert.Throws<InterchangeException>(() => CmxEdl.Write(timeline));
                output.WriteLine($"reference: {message}\nours:      {e.Message}");
            }
        });
    }

    [Theory]
    [MemberData(nameof(FromTestRows))]
    public void Reference_adapter_test_case_gives_the_reference_result(string id)
    {
        if (id == Absent)
        {
            output.WriteLine("SKIPPED: " + Absent);
            return;
        }
        var dir = Path.Combine(SharedData.Interchange!, "edl", "from-tests");
        var row = File.ReadLines(Path.Combine(dir, "INDEX.tsv")).Skip(1).Select(l => l.Split('\t')).Single(p => p[0] == id);
        var (function, kwargs, outcome, message) = (row[1], row[3], row[4], row[5]);
        using var args = JsonDocument.Parse(kwargs);
        Check("edl-test:" + id, () =>
        {
            if (function == "read_from_string")
            {
                var options = new EdlReadOptions
                {
                    Rate = args.RootElement.TryGetProperty("rate", out var r) ? r.GetDouble() : 24,
                    IgnoreTimecodeMismatch = args.RootElement.TryGetProperty("ignore_timecode_mismatch", out var ig) && ig.GetBoolean(),
                };
                var text = File.ReadAllText(Path.Combine(dir, id + ".read.edl"));
                if (outcome != "ok")
                {
                    var e = Assert.Throws<InterchangeException>(() => CmxEdl.Read(text, options, id + ".read.edl"));
                    output.WriteLine($"reference: {message}\nours:      {e.Message}");
                    Assert.True(e.Line > 0, "a read error names the line");
                    return;
                }
                AssertSameOtio(Path.Combine(dir, id + ".read.otio"), CmxEdl.Read(text, options, id + ".read.edl"));
            }
            else
            {
                var root = args.RootElement;
                if (root.TryGetProperty("style", out var s) && s.GetString() is not ("avid" or "nucoda" or "premiere"))
                {
                    // The reference refuses unknown styles; ours are an enum, so the refusal happens where text is
                    // turned into a style (the CLI); see EdlWriterTests.
                    Assert.NotEqual("ok", outcome);
                    Assert.Throws<ArgumentException>(() => EdlStyles.Parse(s.GetString()!));
                    return;
                }
                var options = new EdlWriteOptions
                {
                    Rate = root.TryGetProperty("rate", out var r) ? r.GetDouble() : null,
                    Style = root.TryGetProperty("style", out var st) ? EdlStyles.Parse(st.GetString()!) : EdlStyle.Avid,
                    ReelNameLength = root.TryGetProperty("reelname_len", out var len) ? (len.ValueKind == JsonValueKind.Null ? null : len.GetInt32()) : 8,
                };
                var timeline = (Timeline)OtioJson.ReadFile(Path.Combine(dir, id + ".write.input.otio"));
                if (outcome != "ok")
                {
                    var e = Assert.Throws<InterchangeException>(() => CmxEdl.Write(timeline, options));
                    output.WriteLine($"reference: {message}\nours:      {e.Message}");
                    return;
                }
                var expected = File.ReadAllText(Path.Combine(dir, id + ".write.edl"));
                Assert.Equal(expected, CmxEdl.Write(timeline, options));
            }
        });
    }

    private void Check(string id, Action body)
    {
        if (KnownDifferences.TryGetValue(id, out var reason))
        {
            output.WriteLine($"KNOWN DIFFERENCE: {reason}");
            Assert.ThrowsAny<Exception>(body);
            return;
        }
        body();
    }

    private static void AssertSameOtio(string expectedPath, Timeline actual)
    {
        var expected = File.ReadAllText(expectedPath, Encoding.UTF8);
        var json = OtioJson.WriteString(actual);
        var diff = JsonDiff.FirstDifference(expected, json);
        Assert.True(diff is null, diff);
    }
}
