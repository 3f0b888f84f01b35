namespace Editing.Otio.Tests;

/// <summary>
/// Locates the shared reference data (<c>shared/</c>, a sibling of the repository root) from the test's output
/// directory, so tests can read conformance tables without hard-coded absolute paths.
/// </summary>
internal static class SharedData
{
    /// <summary>
    /// The full path of <paramref name="relativePath"/> inside the shared folder (e.g.
    /// <c>conformance/otio/timecodes.json</c>), found by walking up from <see cref="AppContext.BaseDirectory"/> and
    /// trying <c>&lt;dir&gt;/shared/…</c> and <c>&lt;dir&gt;/../shared/…</c> at every level; null when absent.
    /// </summary>
    public static string? Find(string relativePath)
    {
        var relative = relativePath.Replace('/', Path.DirectorySeparatorChar);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var inside = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(inside) || Directory.Exists(inside))
            {
                return inside;
            }
            if (dir.Parent is { } parent)
            {
                var beside = Path.Combine(parent.FullName, "shared", relative);
                if (File.Exists(beside) || Directory.Exists(beside))
                {
                    return beside;
                }
            }
        }
        return null;
    }
}
