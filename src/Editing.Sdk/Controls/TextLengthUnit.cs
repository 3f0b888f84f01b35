namespace Editing.Sdk.Controls;

/// <summary>How a <see cref="StringParameter"/> counts <see cref="StringParameter.MinLength"/> and
/// <see cref="StringParameter.MaxLength"/>. JSON Schema hint values are kebab-case (<c>characters</c>, <c>words</c>,
/// <c>bytes</c>).</summary>
public enum TextLengthUnit
{
    /// <summary>
    /// Unicode scalar values (code points; a surrogate pair counts once), as JSON Schema's <c>maxLength</c> and
    /// Python's <c>len()</c> count, which is how most provider APIs state their prompt limits. Not UTF-16 code units and
    /// not grapheme clusters: "👍🏽" (thumb + skin tone) counts 2, "é" written as e + combining accent counts 2.
    /// </summary>
    Characters,

    /// <summary>Maximal runs of non-whitespace characters ("a  b\nc" is 3 words).</summary>
    Words,

    /// <summary>Bytes of the UTF-8 encoding ("é" precomposed counts 2).</summary>
    Bytes,
}
