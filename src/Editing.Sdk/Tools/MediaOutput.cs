using Editing.Sdk.Providers;

namespace Editing.Sdk.Tools;

/// <summary>
/// One media file a tool produced. The host conforms it to <see cref="ClipContext.Rate"/> and
/// <see cref="ClipContext.Size"/> with exactly <see cref="FrameCount"/> frames, stamps <see cref="StartTimecode"/>,
/// muxes <see cref="AudioPath"/> in, writes provenance and moves it into the output's media folder.
/// </summary>
public sealed record MediaOutput
{
    /// <summary>Id edits refer to (<c>out1</c>); unique within the result.</summary>
    public required string Id { get; init; }

    /// <summary>Absolute path of the video in the scratch folder.</summary>
    public required string VideoPath { get; init; }

    /// <summary>Frames the output must have on the timeline.</summary>
    public required long FrameCount { get; init; }

    /// <summary>Sample-exact audio to mux in (WAV), or null for none.</summary>
    public string? AudioPath { get; init; }

    /// <summary>Source timecode of the first frame (an extension continues its source's timecode), or null for the
    /// host's default (<c>00:00:00:00</c>).</summary>
    public string? StartTimecode { get; init; }

    /// <summary>Short label for the file name (<c>ext-tail</c>, <c>fill</c>, <c>var-s42</c>).</summary>
    public string Label { get; init; } = "";

    /// <summary>How it was generated (provider, model, seed), or null when no model was involved (e.g. a retime).</summary>
    public GenerationResult? Generation { get; init; }

    /// <summary>The inputs it was made from.</summary>
    public IReadOnlyList<Ingredient> Ingredients { get; init; } = [];

    /// <summary>True when the output mixes generated frames with real footage (an extension that continues a shot).</summary>
    public bool PartlyGenerated { get; init; }
}
