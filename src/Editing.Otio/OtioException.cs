namespace Editing.Otio;

/// <summary>
/// The one exception root of the OTIO core: a refusal with a <see cref="Kind"/> (matching the reference library's
/// error names) and a message that names the object, file and place involved.
/// </summary>
public class OtioException : Exception
{
    /// <summary>Creates a refusal of the given kind.</summary>
    public OtioException(OtioErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>Creates a refusal of the given kind caused by another exception.</summary>
    public OtioException(OtioErrorKind kind, string message, Exception inner)
        : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>What kind of refusal this is.</summary>
    public OtioErrorKind Kind { get; }

    /// <summary>The kind in the reference library's spelling, e.g. <c>TYPE_MISMATCH</c>.</summary>
    public string KindName => ToReferenceName(Kind);

    /// <summary>Spells a kind as the reference library does (<c>CANNOT_COMPUTE_AVAILABLE_RANGE</c>).</summary>
    public static string ToReferenceName(OtioErrorKind kind)
    {
        var name = kind.ToString();
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c))
            {
                sb.Append('_');
            }
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }
}
