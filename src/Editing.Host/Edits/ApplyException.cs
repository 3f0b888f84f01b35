using Editing.Sdk.Controls;

namespace Editing.Host.Edits;

/// <summary>
/// An apply request was refused before any work: every problem found (parameters, selection, media, the tool's own
/// checks), each with the item it concerns. Nothing was generated or written.
/// </summary>
public sealed class ApplyException : Exception
{
    /// <summary>Creates the error.</summary>
    public ApplyException(string message, IReadOnlyList<ItemIssue> issues)
        : base(message) => Issues = issues;

    /// <summary>The problems, errors and warnings.</summary>
    public IReadOnlyList<ItemIssue> Issues { get; }
}

/// <summary>A validation issue with the item it concerns (empty for request-wide issues).</summary>
/// <param name="Item">Item description, e.g. <c>Clip 'sh010' (tracks.children[0].children[0])</c>.</param>
/// <param name="Issue">The issue.</param>
public sealed record ItemIssue(string Item, ValidationIssue Issue)
{
    /// <inheritdoc />
    public override string ToString() => Item.Length == 0 ? Issue.ToString() : $"{Item}: {Issue}";
}
