using Editing.Sdk.Controls;

namespace Editing.Sdk.Providers;

/// <summary>A reference image (style, character, set) given to a provider.</summary>
/// <param name="Path">Absolute path of the image.</param>
/// <param name="Role">What it is for.</param>
/// <param name="Weight">How strongly it should steer the result, 0..1.</param>
public sealed record ReferenceImage(string Path, MediaRole Role, double Weight = 1.0);
