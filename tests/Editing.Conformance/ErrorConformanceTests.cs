using Editing.Otio.Serialization;
using Xunit.Abstractions;

namespace Editing.Conformance;

/// <summary>Files the reference refuses must be refused here too, with a clear error naming the file and the place.</summary>
public sealed class ErrorConformanceTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> ErrorFiles() => ConformanceCase.Rows(c => !c.IsOk);

    [Theory]
    [MemberData(nameof(ErrorFiles))]
    public void Files_the_reference_refuses_fail_with_the_same_kind_and_a_located_message(string file)
    {
        if (file == ConformanceCase.Absent)
        {
            output.WriteLine("SKIPPED: ../shared/conformance not found");
            return;
        }
        var c = ConformanceCase.Get(file)!;
        var path = ConformanceCase.Otio("inputs/" + c.File);

        var e = Assert.Throws<OtioReadException>(() => OtioJson.ReadFile(path));

        output.WriteLine(e.Message);
        Assert.Equal(c.Expected, e.KindName);
        Assert.Equal(path, e.File);
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
        Assert.True(e.Line > 0 && e.Column > 0, "the error gives a line and column");
    }
}
