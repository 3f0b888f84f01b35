namespace Editing.Interchange.Tests;

/// <summary>
/// Finds the team's shared folder (<c>EDITING_SHARED_DIR</c>, or <c>shared</c> beside or above the repository). Tests
/// that need it print <c>SKIPPED</c> and pass when it is absent.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    public static string? Folder => Root.Value;

    /// <summary>The interchange conformance folder (<c>conformance/interchange</c>), or null.</summary>
    public static string? Interchange => Folder is null ? null : Path.Combine(Folder, "conformance", "interchange");

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("EDITING_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "conformance", "interchange")))
        {
            return env;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared"), Path.Combine(dir.FullName, "..", "shared") })
            {
                if (Directory.Exists(Path.Combine(candidate, "conformance", "interchange")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }
        return null;
    }
}
