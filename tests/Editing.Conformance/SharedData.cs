namespace Editing.Conformance;

/// <summary>
/// Finds the team's shared folder (<c>../shared</c> beside the repository). Tests that need it report themselves as
/// skipped when it is absent, so a clone without it still runs the project's own tests.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    public static string? Folder => Root.Value;

    public static string? Find(string relative)
    {
        if (Root.Value is null)
        {
            return null;
        }
        var p = Path.Combine(Root.Value, relative);
        return File.Exists(p) || Directory.Exists(p) ? p : null;
    }

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("EDITING_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "conformance")))
        {
            return env;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared"), Path.Combine(dir.FullName, "..", "shared") })
            {
                if (Directory.Exists(Path.Combine(candidate, "conformance", "otio")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }
        return null;
    }
}
