namespace Editing.Native.Tests;

/// <summary>
/// One CMake build of <c>native/</c> in a temporary folder, shared by the tests of <see cref="NativeLibraryTests"/>:
/// configured against the managed component built with these tests, built once, deleted at the end.
/// </summary>
public sealed class NativeBuild : IDisposable
{
    private readonly Lazy<(Programs.Result Configure, Programs.Result Build)> _build;

    public NativeBuild()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("editing-native-").FullName;
        _build = new Lazy<(Programs.Result, Programs.Result)>(() =>
        {
            var cmake = Programs.Require("cmake", "cmake");
            Programs.Require("cc", "gcc");
            var configure = Programs.Run(cmake, ["-S", Path.Combine(Programs.RepositoryRoot, "native"), "-B", Directory,
                "-DCMAKE_BUILD_TYPE=RelWithDebInfo", $"-DEDITING_MANAGED_DIR={Programs.NativeDirectory}"]);
            var build = configure.ExitCode == 0
                ? Programs.Run(cmake, ["--build", Directory, "--parallel", "2"])
                : configure;
            return (configure, build);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The build folder (libediting.so, tests/).</summary>
    public string Directory { get; }

    public string Library => Path.Combine(Directory, "libediting.so");

    /// <summary>Builds (once) and asserts that configure and build succeeded.</summary>
    public void EnsureBuilt()
    {
        var (configure, build) = _build.Value;
        configure.Succeeds("cmake configure of native/");
        build.Succeeds("cmake --build of native/");
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
