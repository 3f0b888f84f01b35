namespace Editing.Sdk.Media;

/// <summary>
/// Encodes frames a plugin computes into a media file. The file appears at its final path only after
/// <see cref="CompleteAsync"/> succeeds; disposing without completing deletes everything written.
/// </summary>
public interface IVideoFrameWriter : IAsyncDisposable
{
    /// <summary>The final path.</summary>
    string Path { get; }

    /// <summary>Frames written so far.</summary>
    int FramesWritten { get; }

    /// <summary>Encodes the next frame; its size and format must match the spec.</summary>
    ValueTask WriteAsync(VideoFrame frame, CancellationToken cancellationToken);

    /// <summary>Finishes the file, checks the frame count and moves it into place.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
