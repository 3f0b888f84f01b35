namespace Editing.Host.Edits;

/// <summary>A <c>--select</c> expression is malformed (a usage error, exit 1) or matched nothing (bad input, exit 2).</summary>
public sealed class SelectionException : Exception
{
    /// <summary>Creates the error.</summary>
    public SelectionException(string message, bool matchedNothing = false)
        : base(message) => MatchedNothing = matchedNothing;

    /// <summary>True when the expressions were valid but matched no item.</summary>
    public bool MatchedNothing { get; }
}
