namespace Editing.Sdk.Controls;

/// <summary>One choice of an <see cref="EnumParameter"/>. The <paramref name="Value"/> is what is persisted and never
/// changes; the label is for people and may be reworded freely.</summary>
/// <param name="Value">The persisted value, e.g. <c>dolly-in</c>; unique within the parameter and not empty.</param>
/// <param name="Label">Human label, e.g. <c>Dolly in</c>.</param>
/// <param name="Description">Optional help text.</param>
public sealed record EnumOption(string Value, string Label, string Description = "");
