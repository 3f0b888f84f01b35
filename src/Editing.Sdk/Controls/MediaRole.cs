namespace Editing.Sdk.Controls;

/// <summary>
/// What a referenced medium is for. Persisted as kebab-case (<c>first</c>, <c>last</c>, <c>reference</c>, ...).
/// </summary>
public enum MediaRole
{
    /// <summary>The first generated frame should match it (image-to-video, tail extension, gap fill start).</summary>
    First,

    /// <summary>The last generated frame should match it (head extension, gap fill end).</summary>
    Last,

    /// <summary>Content to include or stay consistent with (a character, a prop, a set).</summary>
    Reference,

    /// <summary>The material being transformed (video-to-video, upscale, interpolation).</summary>
    Source,

    /// <summary>A look to imitate (grade, texture, painting style) without copying its content.</summary>
    Style,
}
