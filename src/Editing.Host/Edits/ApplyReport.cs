namespace Editing.Host.Edits;

/// <summary>What an apply did.</summary>
public sealed record ApplyReport
{
    /// <summary>The timeline written.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The media folder.</summary>
    public required string MediaDirectory { get; init; }

    /// <summary>The tool and its version.</summary>
    public required string Tool { get; init; }

    /// <summary>The provider and model used, or empty when the tool did not generate.</summary>
    public string Provider { get; init; } = "";

    /// <summary>One entry per item.</summary>
    public required IReadOnlyList<AppliedItem> Items { get; init; }

    /// <summary>Warnings from validation, tools and providers.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Wall time in seconds.</summary>
    public double Seconds { get; init; }

    /// <summary>Generations the tools asked the provider for (0 when every result came from the cache).</summary>
    public int ProviderCalls { get; init; }

    /// <summary>Tool runs whose results were reused from the cache.</summary>
    public int CacheHits { get; init; }
}

/// <summary>What happened to one item.</summary>
/// <param name="Item">Item description.</param>
/// <param name="Edits">The edits applied (<c>insert-clip after</c>, <c>add-variant</c>...).</param>
/// <param name="Media">The media files written.</param>
public sealed record AppliedItem(string Item, IReadOnlyList<string> Edits, IReadOnlyList<AppliedMedia> Media);

/// <summary>One media file written.</summary>
/// <param name="Path">Absolute path.</param>
/// <param name="Frames">Frame count.</param>
/// <param name="StartTimecode">Start timecode stamped.</param>
/// <param name="Seed">Seed, when generated.</param>
/// <param name="Provenance">The provenance sidecar's path.</param>
public sealed record AppliedMedia(string Path, long Frames, string StartTimecode, long? Seed, string Provenance);
