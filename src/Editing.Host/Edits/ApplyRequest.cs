namespace Editing.Host.Edits;

/// <summary>One <c>editing apply</c>: a tool over selected items of a timeline, written to a new timeline.</summary>
public sealed record ApplyRequest
{
    /// <summary>The input timeline (.otio, .otioz, .otiod). Never modified unless it is also <see cref="OutputPath"/>.</summary>
    public required string TimelinePath { get; init; }

    /// <summary>The timeline to write (atomically); media go to <see cref="MediaDirectory"/>.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The tool id (<c>editing.extend</c>).</summary>
    public required string ToolId { get; init; }

    /// <summary><c>--select</c> expressions (see <see cref="TimelineSelector"/>).</summary>
    public required IReadOnlyList<string> Selections { get; init; }

    /// <summary><c>--param id=value</c> arguments, parsed and validated against the tool's schema.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];

    /// <summary>The provider (default <c>editing.previs</c>).</summary>
    public string? ProviderId { get; init; }

    /// <summary>The provider's model, or null for its default.</summary>
    public string? ModelId { get; init; }

    /// <summary>Generate from a slate when a clip's media is missing instead of refusing.</summary>
    public bool AllowMissing { get; init; }

    /// <summary>Run the tool this many times with seeds seed, seed+1, ... and keep every result as a variant (0 = once).</summary>
    public int Variations { get; init; }

    /// <summary>Items processed at the same time; default the core count.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Where media go; default <c>OUT.media</c> next to the output timeline (<c>cut.edited.media/</c>).</summary>
    public string? MediaDirectory { get; init; }

    /// <summary>The delivery codec for generated media.</summary>
    public DeliveryCodec Codec { get; init; } = DeliveryCodec.ProRes422HQ;

    /// <summary>Who ran it (for provenance); default the OS user.</summary>
    public string Operator { get; init; } = Environment.UserName;

    /// <summary>Named fallbacks (<see cref="Providers.GenerationFallback"/>) the editor allows when the model cannot do
    /// what the tool asks (<c>first-frame-only</c>, <c>image-to-video</c>, <c>text-to-video</c>).</summary>
    public IReadOnlyList<string> Fallbacks { get; init; } = [];

    /// <summary>A write profile for the NLE that imports the result (<c>resolve</c>, see
    /// <see cref="Export.WriteProfiles"/>), or null for plain OTIO.</summary>
    public string? Target { get; init; }

    /// <summary>Reuse identical earlier results from the cache and store new ones (<c>--no-cache</c> turns it off).</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>The cache folder; null for <c>$EDITING_CACHE_DIR</c> or the default.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The cache size limit (<c>20G</c>); null for <c>$EDITING_CACHE_MAX_SIZE</c> or 20 GiB.</summary>
    public string? CacheMaxSize { get; init; }

    /// <summary>A studio policy file checked before any generation; null for <c>$EDITING_POLICY</c>, if set.</summary>
    public string? PolicyPath { get; init; }

    /// <summary>Journal the apply beside the output timeline and keep the version it replaces, for <c>editing history</c>
    /// and <c>editing undo</c> (see <see cref="Provenance.EditJournal"/>).</summary>
    public bool Journal { get; init; } = true;

    /// <summary>Keep the per-item scratch folders (for debugging plugins).</summary>
    public bool KeepScratch { get; init; }
}
