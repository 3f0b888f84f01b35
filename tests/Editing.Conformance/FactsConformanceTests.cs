using Editing.Otio.Algorithms;
using Editing.Otio.Serialization;
using Xunit.Abstractions;

namespace Editing.Conformance;

/// <summary>
/// For every readable conformance input, the facts we compute (ranges, handles, searches, flattening, image-sequence
/// helpers, refusals) must equal the reference library's <c>*.facts.json</c>.
/// </summary>
public sealed class FactsConformanceTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> OkFiles() => ConformanceCase.Rows(c => c.IsOk);

    [Theory]
    [MemberData(nameof(OkFiles))]
    public void Facts_equal_the_reference_facts(string file)
    {
        if (file == ConformanceCase.Absent)
        {
            output.WriteLine("SKIPPED: ../shared/conformance not found; set EDITING_SHARED_DIR or place shared/ beside the repository");
            return;
        }
        var c = ConformanceCase.Get(file)!;
        var expectedPath = ConformanceCase.Otio(c.ExpectedStem + ".facts.json");
        var root = OtioJson.ReadFile(ConformanceCase.Otio("inputs/" + c.File));
        var actual = FactsWriter.Write(root, Path.GetFileName(c.File));
        var expected = File.ReadAllText(expectedPath);

        var difference = JsonDiff.FirstDifference(expected, actual);
        Assert.True(difference is null, $"{file}: first difference at {difference}");

        // Structurally equal; the text should be identical too (number spelling, layout, final newline).
        Assert.Equal(expected, actual);
    }
}
