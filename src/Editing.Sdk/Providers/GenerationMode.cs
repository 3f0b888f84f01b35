namespace Editing.Sdk.Providers;

/// <summary>What a generation request asks a model to do. Models declare the modes they support.</summary>
public enum GenerationMode
{
    /// <summary>A clip from a prompt alone.</summary>
    TextToVideo,

    /// <summary>A clip starting from a first frame, ending on a last frame, or both (see the request's frames).</summary>
    ImageToVideo,

    /// <summary>A clip transformed from a source clip (restyle, relight), guided by a prompt or reference images.</summary>
    VideoToVideo,

    /// <summary>New frames continuing a source clip forwards (tail) or backwards (head).</summary>
    Extension,

    /// <summary>In-between frames for a source clip (retime, frame interpolation).</summary>
    Interpolation,

    /// <summary>The source clip at a larger size.</summary>
    Upscale,
}
