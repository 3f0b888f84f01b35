using System.Text;

namespace Editing.Interchange;

/// <summary>Writes text to a temporary file beside the target, then renames it over the target.</summary>
internal static class AtomicText
{
    public static void Write(string path, string text) => Write(path, writer => writer.Write(text));

    public static void Write(string path, StringBuilder text) => Write(path, writer =>
    {
        foreach (var chunk in text.GetChunks())
        {
            writer.Write(chunk.Span);
        }
    });

    private static void Write(string path, Action<StreamWriter> body)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)))
            {
                body(writer);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
            }
            throw;
        }
    }
}
