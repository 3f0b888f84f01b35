using System.Text;
using Editing.Otio.Serialization;
using Xunit.Abstractions;

namespace Editing.Conformance;

/// <summary>Every readable conformance input, written back, must equal the reference library's bytes.</summary>
public sealed class RoundTripConformanceTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> OkFiles() => ConformanceCase.Rows(c => c.IsOk);

    [Theory]
    [MemberData(nameof(OkFiles))]
    public void Default_target_writes_the_bytes_of_the_0_18_reference(string file)
    {
        AssertRoundTrip(file, OtioWriteTarget.Default, ".roundtrip.otio");
    }

    [Theory]
    [MemberData(nameof(OkFiles))]
    public void Latest_target_writes_the_bytes_of_the_latest_reference(string file)
    {
        AssertRoundTrip(file, OtioWriteTarget.Latest, ".roundtrip-latest.otio");
    }

    [Theory]
    [MemberData(nameof(OkFiles))]
    public void Writing_our_own_latest_output_again_is_a_fixed_point(string file)
    {
        if (Skipped(file))
        {
            return;
        }
        AssertFixedPoint(file, OtioWriteTarget.Latest);
    }

    /// <summary>
    /// For files a 0.18 library can read, the 0.18 output is a fixed point too. Files with Marker.3 are not: their
    /// reference output is the newest library's downgrade (keys sorted), which reads back as a native 0.18 file.
    /// </summary>
    [Theory]
    [MemberData(nameof(OkFiles))]
    public void Writing_our_own_0_18_output_again_is_a_fixed_point_for_files_0_18_can_read(string file)
    {
        if (Skipped(file) || !ConformanceCase.Get(file)!.ReadableBy018)
        {
            return;
        }
        AssertFixedPoint(file, OtioWriteTarget.Default);
    }

    private static void AssertFixedPoint(string file, OtioWriteTarget target)
    {
        var options = new OtioWriteOptions { Target = target };
        var once = OtioJson.WriteBytes(OtioJson.ReadFile(ConformanceCase.Otio("inputs/" + file)), options);
        var twice = OtioJson.WriteBytes(OtioJson.ReadBytes(once, file), options);
        Assert.Equal(Encoding.UTF8.GetString(once), Encoding.UTF8.GetString(twice));
    }

    private void AssertRoundTrip(string file, OtioWriteTarget target, string suffix)
    {
        if (Skipped(file))
        {
            return;
        }
        var c = ConformanceCase.Get(file)!;
        var expectedPath = ConformanceCase.Otio(c.ExpectedStem + suffix);
        var root = OtioJson.ReadFile(ConformanceCase.Otio("inputs/" + c.File));
        var actual = OtioJson.WriteBytes(root, new OtioWriteOptions { Target = target });
        var expected = File.ReadAllBytes(expectedPath);
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        }
    }

    private bool Skipped(string file)
    {
        if (file == ConformanceCase.Absent)
        {
            output.WriteLine("SKIPPED: ../shared/conformance not found; set EDITING_SHARED_DIR or place shared/ beside the repository");
            return true;
        }
        return false;
    }
}
