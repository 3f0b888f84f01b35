namespace Editing.Host.Edits;

/// <summary>A clip's media file exists but cannot be read (not media, or a codec ffmpeg cannot decode).</summary>
public sealed class UnreadableMediaException : Exception
{
    /// <summary>Creates the error.</summary>
    public UnreadableMediaException(string path, string message, Exception? inner = null)
        : base(message, inner) => MediaPath = path;

    /// <summary>The file.</summary>
    public string MediaPath { get; }
}
