using Editing.Sdk.Versioning;

namespace Editing.Sdk;

/// <summary>
/// The version of this SDK contract. A plugin states the SDK range it was built for in <c>plugin.json</c>
/// (<c>"sdk": "^1.0"</c>); the host refuses to load a plugin whose range does not contain <see cref="Current"/>.
/// The major version changes only when a stable member is removed or changes meaning; members marked
/// <see cref="System.Diagnostics.CodeAnalysis.ExperimentalAttribute"/> may change in a minor version.
/// </summary>
public static class SdkVersion
{
    /// <summary>The version as text.</summary>
    public const string Text = "1.0.0";

    /// <summary>The diagnostic id used for every experimental SDK member (suppress with <c>NoWarn</c> to opt in).</summary>
    public const string ExperimentalDiagnosticId = "EDSDK001";

    /// <summary>The SDK version this assembly implements.</summary>
    public static SemanticVersion Current { get; } = SemanticVersion.Parse(Text);
}
