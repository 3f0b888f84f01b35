using Editing.Otio.Schema;

namespace Editing.Otio.Serialization;

/// <summary>
/// Reads and writes OpenTimelineIO JSON (<c>.otio</c>) with the reference library's semantics and byte-exact output.
/// </summary>
/// <remarks>
/// Reading streams the file through a fixed buffer; writing streams to a temporary file that is renamed over the
/// target only when complete, so a failed write never leaves a half-written file.
/// </remarks>
public static class OtioJson
{
    /// <summary>Reads a <c>.otio</c> file.</summary>
    /// <exception cref="OtioReadException">The file cannot be opened, is not valid JSON, or is not a valid OTIO object graph.</exception>
    public static SerializableObject ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OtioReadException(OtioErrorKind.FileOpenFailed, e.Message, path, 0, 0, string.Empty, e);
        }
        using (stream)
        {
            return Read(stream, path);
        }
    }

    /// <summary>Reads a <c>.otio</c> file whose root must be of type <typeparamref name="T"/>.</summary>
    public static T ReadFile<T>(string path)
        where T : SerializableObject
    {
        var root = ReadFile(path);
        return root as T ?? throw new OtioReadException(OtioErrorKind.TypeMismatch, $"the root is a {root.SchemaName}, not a {typeof(T).Name}", path, 1, 1, string.Empty);
    }

    /// <summary>Reads OTIO JSON from a stream; <paramref name="sourceName"/> names it in errors.</summary>
    public static SerializableObject Read(Stream stream, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var tokenizer = new JsonTokenizer(stream);
        try
        {
            return ReadWith(tokenizer, sourceName, stream, null, 0);
        }
        finally
        {
            tokenizer.ReturnBuffers();
        }
    }

    /// <summary>Reads OTIO JSON from UTF-8 bytes.</summary>
    public static SerializableObject ReadBytes(byte[] utf8, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        return ReadWith(new JsonTokenizer(utf8, utf8.Length), sourceName, null, utf8, utf8.Length);
    }

    /// <summary>Reads OTIO JSON from a string.</summary>
    public static SerializableObject ReadString(string json, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ReadBytes(System.Text.Encoding.UTF8.GetBytes(json), sourceName);
    }

    /// <summary>Writes an object to a file atomically (temporary file, then rename).</summary>
    public static void WriteFile(SerializableObject root, string path, OtioWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, stream => Write(root, stream, options));
    }

    /// <summary>Writes an object to a stream.</summary>
    public static void Write(SerializableObject root, Stream stream, OtioWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(stream);
        new OtioJsonWriter(stream, options ?? OtioWriteOptions.Default).WriteRoot(root);
    }

    /// <summary>Writes an object to UTF-8 bytes.</summary>
    public static byte[] WriteBytes(SerializableObject root, OtioWriteOptions? options = null)
    {
        using var ms = new MemoryStream();
        Write(root, ms, options);
        return ms.ToArray();
    }

    /// <summary>Writes an object to a string.</summary>
    public static string WriteString(SerializableObject root, OtioWriteOptions? options = null)
        => System.Text.Encoding.UTF8.GetString(WriteBytes(root, options));

    private static SerializableObject ReadWith(JsonTokenizer tokenizer, string? sourceName, Stream? stream, byte[]? bytes, int length)
    {
        var reader = new OtioJsonReader(tokenizer);
        try
        {
            var root = reader.ReadRoot();
            root.ReadWithNewerSchemas = reader.SawNewerThanRelease018;
            return root;
        }
        catch (JsonSyntaxException e)
        {
            var (line, col) = JsonTokenizer.LineColumn(stream, bytes, length, e.Offset);
            throw new OtioReadException(OtioErrorKind.JsonParseError, e.Message, sourceName, line, col, reader.CurrentPath(), e);
        }
        catch (OtioJsonReader.ReadFailure e)
        {
            var (line, col) = JsonTokenizer.LineColumn(stream, bytes, length, e.Offset);
            throw new OtioReadException(e.Kind, e.Message, sourceName, line, col, reader.CurrentPath(), e);
        }
        catch (OtioException e) when (e is not OtioReadException)
        {
            var (line, col) = JsonTokenizer.LineColumn(stream, bytes, length, tokenizer.Position);
            throw new OtioReadException(e.Kind, e.Message, sourceName, line, col, reader.CurrentPath(), e);
        }
        catch (IOException e)
        {
            throw new OtioReadException(OtioErrorKind.FileOpenFailed, e.Message, sourceName, 0, 0, reader.CurrentPath(), e);
        }
    }
}
