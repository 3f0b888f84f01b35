using System.Text;
using Editing.Conformance;
using Editing.Interchange.Fcp7;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;
using Xunit.Abstractions;

namespace Editing.Interchange.Tests;

/// <summary>
/// Every FCP 7 XML sample of <c>conformance/interchange/fcp7</c> (STATUS.tsv and from-tests/INDEX.tsv) reads to the
/// reference timeline, compared as OTIO JSON written by our writer; where the reference fails, we fail with an
/// <see cref="InterchangeException"/>.
/// </summary>
public sealed class Fcp7ConformanceTests(ITestOutputHelper output)
{
    private const string Absent = "(shared/conformance/interchange absent)";

    /// <summary>Cases where we knowingly differ from the reference, with the reason; each is checked to still differ.</summary>
    private static readonly Dictionary<string, string> KnownDifferences = new(StringComparer.Ordinal)
    {
    };

    public static IEnumerable<object[]> StatusRows()
    {
        var dir = SharedData.Interchange;
        if (dir is null)
        {
            yield return [Absent];
            yield break;
        }
        foreach (var line in File.ReadLines(Path.Combine(dir, "fcp7", "STATUS.tsv")).Skip(1).Where(l => l.Length > 0))
        {
            yield return [line.Split('\t')[0]];
        }
    }

    public static IEnumerable<object[]> FromTestReadRows()
    {
        var dir = SharedData.Interchange;
        if (dir is null)
        {
            yield return [Absent];
            yield break;
        }
        foreach (var line in File.ReadLines(Path.Combine(dir, "fcp7", "from-tests", "INDEX.tsv")).Skip(1).Where(l => l.Length > 0))
        {
            var p = line.Split('\t');
            if (p[1] == "read_from_string")
            {
                yield return [p[0]];
            }
        }
    }

    public static IEnumerable<object[]> FromTestWriteRows()
    {
        var dir = SharedData.Interchange;
        if (dir is null)
        {
            yield return [Absent];
            yield break;
        }
        foreach (var line in File.ReadLines(Path.Combine(dir, "fcp7", "from-tests", "INDEX.tsv")).Skip(1).Where(l => l.Length > 0))
        {
            var p = line.Split('\t');
            if (p[1] == "write_to_string")
            {
                yield return [p[0]];
            }
        }
    }

    [Theory]
    [MemberData(nameof(FromTestWriteRows))]
    public void Reference_adapter_write_case_gives_the_reference_xml(string id)
    {
        if (id == Absent)
        {
            output.WriteLine("SKIPPED: " + Absent);
            return;
        }
        var dir = Path.Combine(SharedData.Interchange!, "fcp7", "from-tests");
        Check("fcp7-test:" + id, () =>
        {
            var root = OtioJson.ReadFile(Path.Combine(dir, id + ".write.input.otio"));
            Assert.Equal(File.ReadAllText(Path.Combine(dir, id + ".write.xml")), Fcp7Xml.Write(root));
        });
    }

    [Theory]
    [MemberData(nameof(StatusRows))]
    public void Sample_reads_to_the_reference_timeline_and_writes_back_the_reference_xml(string file)
    {
        if (file == Absent)
        {
            output.WriteLine("SKIPPED: " + Absent);
            return;
        }
        var dir = Path.Combine(SharedData.Interchange!, "fcp7");
        var row = File.ReadLines(Path.Combine(dir, "STATUS.tsv")).Skip(1).Select(l => l.Split('\t')).First(p => p[0] == file);
        var input = Path.Combine(dir, "inputs", file);
        Check(file, () =>
        {
            if (row[2] != "ok")
            {
                var e = Assert.Throws<InterchangeException>(() => Fcp7Xml.ReadFile(input));
                output.WriteLine($"reference: {row[7]}\nours:      {e.Message}");
                Assert.Contains(input, e.Message, StringComparison.Ordinal);
                return;
            }
            var root = Fcp7Xml.ReadFile(input);
            AssertSameOtio(Path.Combine(dir, "expected", file + ".otio"), root);
            if (row[4] == "ok")
            {
                Assert.Equal(File.ReadAllText(Path.Combine(dir, "expected", file + ".roundtrip.xml")), Fcp7Xml.Write(root));
            }
            else
            {
                var e = Assert.Throws<InterchangeException>(() => Fcp7Xml.Write(root));
                output.WriteLine($"reference: {row[7]}\nours:      {e.Message}");
            }
        });
    }

    [Theory]
    [MemberData(nameof(FromTestReadRows))]
    public void Reference_adapter_read_case_gives_the_reference_timeline(string id)
    {
        if (id == Absent)
        {
            output.WriteLine("SKIPPED: " + Absent);
            return;
        }
        var dir = Path.Combine(SharedData.Interchange!, "fcp7", "from-tests");
        Check("fcp7-test:" + id, () =>
            AssertSameOtio(Path.Combine(dir, id + ".read.otio"), Fcp7Xml.Read(File.ReadAllText(Path.Combine(dir, id + ".read.xml")), id + ".read.xml")));
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

    private static void AssertSameOtio(string expectedPath, SerializableObject actual)
    {
        var expected = File.ReadAllText(expectedPath, Encoding.UTF8);
        var diff = JsonDiff.FirstDifference(expected, OtioJson.WriteString(actual));
        Assert.True(diff is null, diff);
    }
}
