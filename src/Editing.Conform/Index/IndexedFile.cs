namespace Editing.Conform.Index;

/// <summary>One media file in a <see cref="MediaIndex"/>, with the name parts the lookups use.</summary>
internal sealed class IndexedFile
{
    public required string FullPath { get; init; }

    public required string FileName { get; init; }

    /// <summary>The file name without its extension.</summary>
    public required string Stem { get; init; }

    /// <summary>The extension in lower case with its dot.</summary>
    public required string Extension { get; init; }

    /// <summary>The extension's position in the rules' extension list (lower = preferred).</summary>
    public required int ExtensionRank { get; init; }

    /// <summary>The version number, or null when the name has no version.</summary>
    public VersionTag? Version { get; init; }

    /// <summary>
    /// The name with the version digits replaced by <c>#</c>, in lower case, with the extension
    /// (<c>sh010_comp_v#.mov</c>); all versions of one render share it. Null without a version.
    /// </summary>
    public string? VersionKey { get; init; }

    public override string ToString() => FullPath;
}
