namespace Editing.Sdk.Providers;

/// <summary>Which way an extension continues its source.</summary>
public enum ExtensionDirection
{
    /// <summary>After the source's last frame (tail).</summary>
    Forward,

    /// <summary>Before the source's first frame (head); the result still plays forwards.</summary>
    Backward,
}
