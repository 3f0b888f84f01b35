namespace Editing.Otio.Serialization;

/// <summary>How a timeline is written.</summary>
public sealed record OtioWriteOptions
{
    /// <summary>The default: target 0.18, indent 4, as the reference library writes.</summary>
    public static OtioWriteOptions Default { get; } = new();

    /// <summary>Which schema versions to write.</summary>
    public OtioWriteTarget Target { get; init; } = OtioWriteTarget.Default;

    /// <summary>Spaces per indent level; 0 or less writes compact JSON with no white space.</summary>
    public int Indent { get; init; } = 4;
}
