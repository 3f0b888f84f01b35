using Editing.Conform.Facts;

namespace Editing.Conform.Matching;

/// <summary>A file's facts, or why it could not be read.</summary>
internal readonly record struct FactsResult(MediaFacts? Facts, string? Error);
