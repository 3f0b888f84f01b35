namespace Editing.Media.Tests.Support;

/// <summary>
/// A temp folder per test class (used as an xunit class fixture), deleted afterwards. Its constructor locates
/// ffmpeg first, so on a machine without it every test fails with the look-up's message instead of skipping.
/// </summary>
public class TestFolder : IDisposable
{
    public TestFolder()
    {
        // Fails with MediaException(ToolMissing) naming EDITING_FFMPEG / PATH when ffmpeg is absent.
        _ = MediaTools.Shared;
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "editing-media-tests", $"{GetType().Name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
    }

    /// <summary>The folder's full path.</summary>
    public string Root { get; }

    /// <summary>A path inside the folder.</summary>
    public string Path(string name) => System.IO.Path.Combine(Root, name);

    /// <summary>A new empty sub-folder (for tests that check what is left behind).</summary>
    public string NewSubfolder(string name)
    {
        var path = System.IO.Path.Combine(Root, $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        GC.SuppressFinalize(this);
    }
}
