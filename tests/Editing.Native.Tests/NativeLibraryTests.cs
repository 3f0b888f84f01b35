namespace Editing.Native.Tests;

/// <summary>The C library: its ctest suite (C tests, memcheck run, leak canary) and the Python wrapper's tests.</summary>
public sealed class NativeLibraryTests(NativeBuild build) : IClassFixture<NativeBuild>
{
    [Fact]
    public void C_tests_pass_natively_and_clean_under_valgrind_memcheck()
    {
        Programs.Require("valgrind", "valgrind");
        Programs.Require("ffmpeg", "ffmpeg");
        build.EnsureBuilt();

        var ctest = Programs.Run(Programs.Require("ctest", "cmake"), ["--test-dir", build.Directory, "--output-on-failure", "-j2"],
            timeoutSeconds: 600);

        ctest.Succeeds("ctest");
        Assert.Contains("100% tests passed", ctest.Output, StringComparison.Ordinal);
        Assert.Matches(@"valgrind\.memcheck \.+\s+Passed", ctest.Output);
        Assert.Matches(@"valgrind\.canary \.+\s+Passed", ctest.Output);
        Assert.Matches(@"c\.apply \.+\s+Passed", ctest.Output);
    }

    [Fact]
    public void Python_wrapper_tests_pass_against_the_built_library()
    {
        var python = Programs.Require("python3", "python3");
        Programs.Require("ffmpeg", "ffmpeg");
        build.EnsureBuilt();

        var run = Programs.Run(python, ["-m", "unittest", "discover", "-v", Path.Combine(Programs.RepositoryRoot, "native", "python", "tests")],
            environment: new Dictionary<string, string> { ["EDITING_LIBRARY"] = build.Library, ["PYTHONDONTWRITEBYTECODE"] = "1" });

        run.Succeeds("python3 -m unittest discover native/python/tests");
        Assert.Matches(@"Ran [1-9][0-9]* tests", run.Output);
        Assert.DoesNotContain("skipped", run.Output, StringComparison.OrdinalIgnoreCase);
    }
}
