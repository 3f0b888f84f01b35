namespace Editing.Otio.Schema;

/// <summary>Media in one file or at one URL (<c>ExternalReference.1</c>).</summary>
public class ExternalReference : MediaReference
{
    /// <summary>Creates a reference with an empty URL.</summary>
    public ExternalReference()
    {
    }

    /// <summary>Creates a reference to a URL or path, with an optional available range.</summary>
    public ExternalReference(string targetUrl, OpenTime.TimeRange? availableRange = null)
    {
        TargetUrl = targetUrl ?? string.Empty;
        AvailableRange = availableRange;
    }

    /// <inheritdoc/>
    public override string SchemaName => "ExternalReference";

    /// <summary>A URL (<c>file:///…</c>, <c>https://…</c>) or a path as the NLE wrote it.</summary>
    public string TargetUrl { get; set; } = string.Empty;
}
