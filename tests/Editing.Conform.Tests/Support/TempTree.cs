namespace Editing.Conform.Tests.Support;

/// <summary>A temporary folder for one test, deleted afterwards.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Directory.CreateTempSubdirectory("editing-conform-").FullName;
    }

    public string Root { get; }

    /// <summary>A full path under the root (folders are not created).</summary>
    public string this[string relative] => Path.Combine(Root, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
