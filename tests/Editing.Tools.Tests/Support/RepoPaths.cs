namespace Editing.Tools.Tests.Support;

/// <summary>Folders of the repository, found from the test assembly's location.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding Editing.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (the <c>bin/&lt;Configuration&gt;/</c> folder name).</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The output folder of a plugin project: its packaged plugin folder.</summary>
    public static string PluginOutput(string project) =>
        Path.Combine(Root, "plugins", project, "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Editing.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Editing.sln not found above " + AppContext.BaseDirectory);
    }
}
