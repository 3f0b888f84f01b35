namespace Editing.Conform.Facts;

/// <summary>A file that an <see cref="IMediaFactsSource"/> cannot read as media (not a media file, damaged, unreadable).</summary>
public sealed class MediaFactsException : Exception
{
    /// <summary>Creates the error for <paramref name="path"/>.</summary>
    public MediaFactsException(string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
    }

    /// <summary>The file.</summary>
    public string Path { get; }
}
