namespace Editing.Otio.Serialization;

/// <summary>A JSON syntax error at an absolute byte offset; the reader turns it into an <see cref="OtioReadException"/>.</summary>
internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(string message, long offset)
        : base(message)
    {
        Offset = offset;
    }

    public long Offset { get; }
}
